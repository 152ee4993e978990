"""The `agreement` command line: parses options, calls the library, prints, and chooses the exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .config import Settings
from .errors import AgreementError, UsageError
from .findings import Severity
from .starter import choices

if TYPE_CHECKING:
    from .findings import Finding, Result
    from .paths import Selection
    from .rules.base import Rule

OK, FINDINGS, CANNOT_RUN = 0, 1, 2
INTERRUPTED, READER_GONE = 130, 141  # as a shell reports a program stopped by SIGINT or SIGPIPE


def _fail(error: object) -> NoReturn:
    click.echo(f"Error: {error}", err=True)
    sys.exit(CANNOT_RUN)


def _reader_gone() -> NoReturn:
    """Whatever read the output stopped early (`agreement rules | head`): stop quietly, as Unix tools do."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the flush at exit must not fail again
    sys.exit(READER_GONE)


class _Group(click.Group):
    """Turns the library's errors into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()  # so that a closed pipe shows here, not as a message at exit
        except BrokenPipeError:
            _reader_gone()
        except AgreementError as e:
            _fail(e)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as e:  # a bug: say so in one line rather than show a traceback
            _fail(f"internal error ({type(e).__name__}: {e}); please report it with the input that caused it")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="agreement")
def main() -> None:
    """Lint and draft partnership agreements for health, social care and housing partnerships.

    Describe the partnership once in a YAML or JSON file, then check it against good practice with
    `agreement lint` and draft a Word agreement from it with `agreement build`.

    \b
    Example:
      agreement init partnership.yaml
      agreement lint partnership.yaml
      agreement build partnership.yaml -o partnership.docx
    """


def _selection(exclude: tuple[str, ...], only_agreements: bool, settings: Settings) -> Selection:
    from .paths import Selection, patterns

    own = patterns(settings.exclude, Path(settings.source).parent) if settings.source else []
    given = []
    for pattern in (p.strip() for value in exclude for p in value.split(",")):
        # On the command line a pattern may also be a path, absolute or from here (./drafts).
        if os.path.isabs(pattern):
            given += patterns(["/" + os.path.relpath(pattern, Path(pattern).anchor)], Path(Path(pattern).anchor))
        else:
            given += patterns([pattern.removeprefix(".")] if pattern.startswith("./") else [pattern], Path.cwd())
    return Selection(exclude=own + given, only_agreements=only_agreements)


def _selection_options(command: Any) -> Any:
    """The options that choose files, shared by `validate` and `lint`."""
    command = click.option(
        "--only-agreements", is_flag=True,
        help="Check a named file only when a folder search would: it has a top-level `agreement:` key and is not "
             "excluded or git-ignored (for pre-commit, which names every changed file).")(command)
    return click.option(
        "--exclude", multiple=True, metavar="PATTERN",
        help="Leave out files and folders matching this pattern (as in .gitignore, e.g. drafts/ or old-*.yaml); "
             "repeatable or comma-separated. Folder searches already skip hidden folders, virtual environments, "
             "node_modules and what .gitignore ignores.")(command)


def _settings(paths: tuple[str, ...]) -> Settings:
    from .config import discover

    return discover(Path(paths[0]) if paths[0] != "-" else Path.cwd())


@main.command()
@click.argument("files", nargs=-1, required=True)
@_selection_options
def validate(files: tuple[str, ...], exclude: tuple[str, ...], only_agreements: bool) -> None:
    """Check that each FILE is well-formed and matches the agreement schema.

    FILES are files, folders (searched for agreement files) or - for standard input. Prints each problem as
    `file:line:column: message (json/path)`, then how many files were valid or invalid. Exits 0 when every
    file is valid, 1 when any is not, 2 when the check could not run (a missing file, a bad option).

    \b
    Example:
      agreement init --sample complete complete.yaml
      agreement validate complete.yaml
    """
    from .lint import validate as check
    from .paths import expand

    invalid = valid = 0
    for name in expand(files, _selection(exclude, only_agreements, _settings(files))):
        checked = check(name)
        _problems(name, checked.findings)
        invalid += not checked.valid
        valid += checked.valid
    # The count goes to stderr: stdout holds the problems only, for scripts that read them.
    if invalid:
        click.echo(f"{invalid} invalid file{'s' if invalid != 1 else ''}.", err=True)
    else:
        click.echo(f"{valid} valid file{'s' if valid != 1 else ''}.", err=True)
    sys.exit(FINDINGS if invalid else OK)


FAIL_ON = (*(str(s) for s in sorted(Severity, reverse=True)), "never")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "concise", "json", "sarif", "github", "junit", "gitlab"]),
              default="text", show_default=True,
              help="How to write the findings: text shows each with its source line; concise, one line each; "
                   "gitlab is GitLab's code quality report.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--select", multiple=True, metavar="IDS",
              help="Report only these rules: ids or prefixes, e.g. AB1 or AB203,AB210; repeatable.")
@click.option("--ignore", multiple=True, metavar="IDS",
              help="Do not report these rules: ids or prefixes, e.g. AB228 or AB210,AB201; repeatable.")
@click.option("--fail-on", type=click.Choice(FAIL_ON),
              help="The lowest severity that makes the command exit 1.  [default: error]")
@click.option("--max-warnings", type=click.IntRange(min=0), metavar="N",
              help="Also exit 1 when there are more than N warnings.")
@click.option("--pack", "packs", multiple=True, help="Also apply this rule pack (repeatable), with the briefing "
              "and legal packs; default: the statutory pack the agreement's jurisdiction and arrangement call for.")
@click.option("--no-briefing", is_flag=True, help="Leave out the briefing pack (good practice) and check only the "
              "legal and statutory packs.")
@click.option("--advice", is_flag=True, help="Also show advice: good practice that is not a legal requirement "
              "(hidden from the reports for people unless asked for; JSON and SARIF always carry it).")
@click.option("--quiet", "-q", is_flag=True,
              help="Show only the findings that fail the run (errors, unless --fail-on says otherwise).")
@click.option("--statistics", is_flag=True, help="Count the findings of each rule instead of listing them.")
@click.option("--every-placeholder", is_flag=True,
              help="List every [placeholder] left (AB228); by default text output shows the first in each section.")
@_selection_options
@click.option("--show-settings", is_flag=True,
              help="Print the settings in force, where they come from and which files would be checked; then stop.")
def lint(paths: tuple[str, ...], fmt: str, output: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
         fail_on: str | None, max_warnings: int | None, packs: tuple[str, ...], no_briefing: bool, advice: bool,
         quiet: bool, statistics: bool, every_placeholder: bool, exclude: tuple[str, ...], only_agreements: bool,
         show_settings: bool) -> None:
    """Check each agreement against the briefing's good practice and report what is missing or thin.

    PATHS are files, folders (searched for agreement files: .yaml, .yml and .json files with a top-level
    `agreement:` key) or - for standard input. Settings can also live in .agreement.toml ([lint]) or
    pyproject.toml ([tool.agreement.lint]), found upward from the first path; options given here win.

    Severities: error (a required element or statutory term is absent), warning (present but short), info,
    and advice (good practice that is not a legal requirement; shown with --advice). The briefing and
    legal packs always run (--no-briefing leaves out the briefing), with the statutory pack the agreement
    calls for, or those --pack names; the output says which ran.

    Exits 0 when no finding is at or above --fail-on (and no more warnings than --max-warnings), 1 when one is
    (including a file that cannot be parsed), 2 when the linter could not run.

    \b
    Example:
      agreement init plan.yaml
      agreement lint plan.yaml
      agreement lint --statistics plan.yaml
      agreement lint --format sarif -o lint.sarif .
    """
    from .config import ALWAYS_REPORTED, rule_ids
    from .findings import Result
    from .lint import lint_many
    from .paths import expand
    from .report import REPORTERS, View
    from .rules import PACKS, RULES

    if statistics and fmt not in ("text", "concise"):
        raise UsageError("--statistics counts findings for people; use it with --format text, not " + fmt)
    found = _settings(paths)
    settings = Settings(select=rule_ids(select, "--select") or found.select,
                        ignore=rule_ids(ignore, "--ignore") or found.ignore, fail_on=fail_on or found.fail_on,
                        packs=packs or found.packs, exclude=found.exclude,
                        max_warnings=found.max_warnings if max_warnings is None else max_warnings,
                        source=found.source)
    for pack in settings.packs:
        if pack not in PACKS or pack == "input":
            raise UsageError(f"unknown rule pack '{pack}' (packs: {', '.join(p for p in PACKS if p != 'input')})")
    # A selector that matches nothing would pass every file in silence: a typo in a pipeline's settings.
    for option, chosen, given in (("select", settings.select, select), ("ignore", settings.ignore, ignore)):
        for prefix in chosen:
            where = f"--{option}" if given else f"{found.source}: {option}"
            if option == "ignore" and prefix in ALWAYS_REPORTED:
                raise UsageError(f"{where} '{prefix}': {prefix} cannot be ignored; a file that cannot be read as an "
                                 "agreement always fails")
            if not any(rule_id.startswith(prefix) for rule_id in RULES):
                raise UsageError(f"{where} '{prefix}' matches no rule (ids such as AB101, or prefixes such as AB1); "
                                 "`agreement rules` lists them")
    selection = _selection(exclude, only_agreements, settings)
    names = expand(paths, selection)
    if show_settings:
        click.echo(_describe(settings, exclude, names, selection.skipped), nl=False)
        return
    result = Result()
    # The report may replace an old report, but never a file this run reads.
    reads = [Path(n) for n in names if n != "-"] + ([Path(settings.source)] if settings.source else [])
    if output is not None:
        from .files import check_target

        if not output.strip():
            raise UsageError("--output needs a file name")
        check_target(Path(output), force=True, inputs=reads)
    linted = lint_many(names, settings.packs or None, settings.wants, briefing=not no_briefing)
    for name, each in zip(names, linted, strict=True):
        label = each.findings[0].file if each.findings else ("<stdin>" if name == "-" else name)
        result.add(label, [f for f in each.findings if settings.wants(f.rule)], each.packs)
    failed = result.fails(settings.threshold) or _too_many_warnings(result, settings.max_warnings)
    hidden = 0
    if quiet:
        shown = [f for f in result.findings if settings.threshold is not None and f.severity >= settings.threshold]
        hidden = len(result.active()) - len([f for f in shown if f.waived is None])
        result = Result(result.files, shown, result.packs)
    view = View(threshold=settings.threshold, colour=fmt == "text" and _colour(output),
                sources=_sources(result) if fmt == "text" and not statistics else {},
                every_placeholder=every_placeholder, statistics=statistics, hidden=hidden, advice=advice)
    rules = [r for r in RULES.values() if settings.wants(r.id)]
    _write(REPORTERS[fmt](rules, view).render(result), output, reads, colour=view.colour)
    if _too_many_warnings(result, settings.max_warnings) and fmt in ("text", "concise"):
        click.echo(f"More than {settings.max_warnings} warnings (--max-warnings).", err=True)
    sys.exit(FINDINGS if failed else OK)


def _problems(name: str, findings: list[Finding]) -> None:
    """Each problem on a line of its own; a syntax error also shows its source line, with a caret at the slip."""
    from .lint import PARSE
    from .report import excerpt
    from .source import read_lines

    for f in sorted(findings):
        click.echo(f"{f.location}: {f.message}" + (f" ({f.path})" if f.path else ""))
        lines = read_lines(name) if f.rule == PARSE else None
        if lines is not None and 0 < f.line <= len(lines):
            click.echo(excerpt(lines, f.line, f.column))


def _too_many_warnings(result: Result, most: int | None) -> bool:
    return most is not None and sum(1 for f in result.active() if f.severity == Severity.WARNING) > most


def _colour(output: str | None) -> bool:
    """Colour on a terminal, as NO_COLOR and FORCE_COLOR ask (no-color.org, force-color.org); never in a file."""
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _sources(result: Result) -> dict[str, list[str]]:
    """The lines of each file with findings, to show under them (standard input cannot be read again)."""
    from .source import read_lines

    wanted = {f.file for f in result.findings}
    return {name: lines for name in wanted if (lines := read_lines(name)) is not None}


def _describe(settings: Settings, exclude: tuple[str, ...], names: list[str], skipped: list[tuple[str, str]]) -> str:
    """What `--show-settings` prints."""
    excluded = [*settings.exclude, *(f"{p.strip()} (--exclude)" for value in exclude for p in value.split(","))]
    lines = [f"settings file: {settings.source or 'none found (defaults apply)'}",
             f"select: {', '.join(settings.select) or 'every rule'}",
             f"ignore: {', '.join(settings.ignore) or 'nothing'}",
             f"fail-on: {settings.fail_on}",
             f"max-warnings: {'no limit' if settings.max_warnings is None else settings.max_warnings}",
             f"packs: {', '.join(settings.packs) or 'chosen from each agreement'}",
             f"exclude: {', '.join(excluded) or 'nothing'}",
             f"files to check ({len(names)}):", *(f"  {name}" for name in names)]
    if skipped:
        lines += [f"left out ({len(skipped)}):", *(f"  {name}: {why}" for name, why in skipped)]
    return "\n".join(lines) + "\n"


def _write(text: str, output: str | None, reads: list[Path], *, colour: bool = False) -> None:
    if output is None:
        click.echo(text, nl=False, color=colour or None)  # click would strip the colour off a pipe otherwise
        return
    from .files import write_atomic

    write_atomic(Path(output), text.encode("utf-8"), force=True, inputs=reads)


@main.command()
@click.argument("file")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write here (default: the input's name with the format's suffix, in this folder).")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "html", "pdf"]),
              help="What to write; default: from -o's suffix, else docx. pdf needs LibreOffice.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--annotate/--no-annotate", default=None,
              help="Drafting notes and review comments for what the input leaves out.  [default: on for drafts]")
@click.option("--reference-doc", type=click.Path(dir_okay=False),
              help="A .docx whose styles, page, header and footer the agreement takes.")
@click.option("--clauses", type=click.Path(file_okay=False),
              help="A folder of clause templates (NAME.xml.j2) that replace the shipped ones of the same name.")
@click.option("--allow-errors", is_flag=True,
              help="Draft a document marked final although lint reports errors: as a draft, with its notes.")
def build(file: str, output: str | None, fmt: str | None, force: bool, annotate: bool | None,
          reference_doc: str | None, clauses: str | None, allow_errors: bool) -> None:
    """Draft the agreement in FILE as a Word document (or Markdown, HTML or PDF).

    Every clause is numbered; parties, groups, roles, contributions, risks, dispute stages and actions
    become schedules. For a draft, each element the input leaves out keeps its clause heading with a
    highlighted drafting note and a review comment naming the rule. FILE may be - for standard input
    (then -o is needed). An existing output file is not replaced without --force. A document whose
    status is final is not drafted while lint reports errors in it, unless --allow-errors is given.

    Exits 0 when the document is written, 1 when the input is invalid or is final with lint errors (the
    problems are printed), 2 when the build could not run.

    \b
    Example:
      agreement init --sample first-draft
      agreement build first-draft.yaml
      agreement build first-draft.yaml -o first-draft.docx --force
      agreement build first-draft.yaml --format html --no-annotate
    """
    from .build import build as run
    from .build import inputs, output_format, output_path
    from .drafting import Options
    from .files import check_target, write_atomic

    kind = output_format(fmt, output)
    target = output_path(file, kind, output)
    options = Options(annotate=annotate, clauses=Path(clauses) if clauses else None, allow_errors=allow_errors)
    reference = Path(reference_doc) if reference_doc else None
    reads = inputs(file, options.clauses, reference)
    check_target(target, force=force, inputs=reads)  # before the work, as well as when writing
    built = run(file, kind, options=options, reference=reference)
    if built.content is None:
        _problems(file, built.findings)
        if built.final:
            count = len(built.findings)
            click.echo(f"{file}: is marked final, but lint reports {count} error{'s' if count != 1 else ''} "
                       "(above); nothing written. Fix them, or set the status back to draft, or build with "
                       "--allow-errors for a copy with drafting notes.", err=True)
        else:
            click.echo(f"{file}: is not a valid agreement; nothing written.", err=True)
        sys.exit(FINDINGS)
    write_atomic(target, built.content, force=force, inputs=reads)
    notes = len(built.draft.notes) if built.draft is not None else 0
    click.echo(f"Wrote {target}" + (f" ({notes} drafting note{'s' if notes != 1 else ''})." if notes else "."))
    if built.errors:
        click.echo(f"{file}: is marked final, but lint reports {built.errors} error{'s' if built.errors != 1 else ''}"
                   "; written as a draft (DRAFT on every page), not as the final agreement.", err=True)


@main.command()
@click.argument("rule", required=False)
@click.option("--pack", help="List only the rules of this pack.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="markdown: the pages of docs/rules/ (the catalogue, or one rule's page).")
def rules(rule: str | None, pack: str | None, fmt: str) -> None:
    """List the lint rules, or print one rule's documentation (by id or by name).

    \b
    Example:
      agreement rules
      agreement rules AB109
      agreement rules supervision
      agreement rules --pack england-s75
    """
    from . import docs
    from .rules import PACKS, RULES

    if rule is not None:
        found = _rule(rule)
        click.echo(docs.page(found) if fmt == "markdown" else
                   f"{found.id} {found.name} [{found.severity}] pack: {found.pack}\nSource: {found.source}\n\n"
                   f"{found.doc}\n", nl=False)
        return
    if pack is not None and pack not in PACKS:
        raise UsageError(f"unknown rule pack '{pack}' (packs: {', '.join(PACKS)})")
    chosen = [r for r in RULES.values() if pack is None or r.pack == pack]
    if fmt == "markdown":
        click.echo(docs.index(chosen), nl=False)
        return
    width = max(len(r.name) for r in chosen)
    click.echo(f"{'ID':<6} {'NAME':<{width}} {'SEVERITY':<8} {'PACK':<20} CHECKS")
    for r in chosen:
        click.echo(f"{r.id:<6} {r.name:<{width}} {str(r.severity):<8} {r.pack:<20} {r.summary}")


def _rule(wanted: str) -> Rule:
    """A rule by its id (any case) or its name; a near miss is suggested."""
    from difflib import get_close_matches

    from .rules import RULES

    by_name = {r.name: r for r in RULES.values()}
    found = RULES.get(wanted.strip().upper()) or by_name.get(wanted.strip().lower())
    if found is not None:
        return found
    close = get_close_matches(wanted.strip().lower(), [*by_name, *(i.lower() for i in RULES)], n=1)
    hint = f" (did you mean '{close[0] if close[0] in by_name else close[0].upper()}'?)" if close else ""
    raise UsageError(f"no rule '{wanted}'{hint}; `agreement rules` lists them by id and name")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the agreement input (for editors and other tools).

    \b
    Example:
      agreement schema > agreement.schema.json
    """
    from .schema import schema_text

    click.echo(schema_text(), nl=False)


@main.command()
@click.argument("file")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="The port to listen on (on this computer only); 0 takes any free one.")
@click.option("--browser/--no-browser", default=True, show_default=True, help="Open the page in your web browser.")
def serve(file: str, port: int, browser: bool) -> None:
    """Edit FILE in your web browser: a form made from the schema, checked as you type.

    Every change is saved to FILE at once, keeping your comments and layout; the findings of
    `agreement lint` show beside the fields they concern, with a preview of the drafted agreement.
    The page is served on this computer only (127.0.0.1) and needs the address printed here, which
    holds a secret token. Press Ctrl-C to stop. Exits 0 when stopped, 2 when it cannot start.

    \b
    Example:
      agreement init northvale.yaml
      agreement serve northvale.yaml
    """
    from .serve.app import serve as run

    try:
        run(Path(file), port=port, browser=browser, echo=click.echo)
    except KeyboardInterrupt:
        click.echo("Stopped; every change was already saved.", err=True)


@main.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
@click.option("--jurisdiction", type=click.Choice(choices("jurisdiction")),
              help="Where the partnership is: sets agreement.jurisdiction, which with the arrangement chooses the "
                   "statutory rule pack that checks it.")
@click.option("--arrangement", type=click.Choice(choices("arrangement_type")),
              help="The model of partnership: sets agreement.arrangement_type.")
@click.option("--kind", type=click.Choice(choices("kind")),
              help="The kind of instrument: sets agreement.kind.")
@click.option("--sample", metavar="NAME",
              help="Write one of the shipped sample agreements instead, such as complete or first-draft (an unknown "
                   "name lists them); PATH defaults to its own file name.")
def init(path: str | None, force: bool, jurisdiction: str | None, arrangement: str | None, kind: str | None,
         sample: str | None) -> None:
    """Write a starter agreement to PATH (default: agreement.yaml), each section explained.

    A file that already exists is not replaced without --force.

    \b
    Example:
      agreement init northvale.yaml
      agreement init --jurisdiction england --arrangement pooled_budget s75.yaml
      agreement init --sample first-draft
    """
    from .files import write_atomic
    from .starter import sample as sample_bytes
    from .starter import samples, starter

    if sample is not None:
        if jurisdiction or arrangement or kind:
            raise UsageError("--sample writes a finished example as it is; leave out --jurisdiction, --arrangement "
                             "and --kind, or --sample")
        content = sample_bytes(sample)
        path = path or samples()[sample]
    else:
        content = starter(jurisdiction, arrangement, kind).encode("utf-8")
        path = path or "agreement.yaml"
    write_atomic(Path(path), content, force=force)
    if kind is not None and b"\n  kind:" not in content and sample is None:
        click.echo("Note: this version's schema has no agreement.kind yet, so --kind was not written.", err=True)
    click.echo(f"Wrote {path}. " + ("Try: " if sample else "Fill it in, then run: ") + f"agreement lint {path}")
