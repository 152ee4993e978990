"""The `agreement` command line: parses options, calls the library, prints, and chooses the exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .errors import AgreementError, UsageError

OK, FINDINGS, CANNOT_RUN = 0, 1, 2
INTERRUPTED, READER_GONE = 130, 141  # as a shell reports a program stopped by SIGINT or SIGPIPE
SUFFIXES = (".yaml", ".yml", ".json")


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
@click.version_option(__version__, "--version", prog_name="agreement")
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


def expand(paths: tuple[str, ...]) -> list[str]:
    """Files to check: each path as given, folders searched for YAML and JSON files; a missing path is an error."""
    found: list[str] = []
    for name in paths:
        if name == "-":
            found.append(name)
            continue
        path = Path(name)
        if path.is_dir():
            inside = [str(p) for p in sorted(path.rglob("*")) if p.suffix.lower() in SUFFIXES and p.is_file()]
            if not inside:
                raise UsageError(f"{name}: the folder holds no YAML or JSON files (.yaml, .yml, .json)")
            found.extend(inside)
        elif path.exists():
            found.append(name)
        else:
            raise UsageError(f"{name}: no such file or folder")
    return found


@main.command()
@click.argument("files", nargs=-1, required=True)
def validate(files: tuple[str, ...]) -> None:
    """Check that each FILE is well-formed and matches the agreement schema.

    Prints each problem as `file:line:column: message (json/path)`, then how many files were valid or
    invalid. Exits 0 when every file is valid, 1 when any is not, 2 when the check could not run (a missing
    file, a bad option).

    \b
    Example:
      agreement validate samples/complete.yaml
    """
    from .lint import validate as check

    invalid = valid = 0
    for name in expand(files):
        checked = check(name)
        for f in sorted(checked.findings):
            click.echo(f"{f.location}: {f.message}" + (f" ({f.path})" if f.path else ""))
        invalid += not checked.valid
        valid += checked.valid
    # The count goes to stderr: stdout holds the problems only, for scripts that read them.
    if invalid:
        click.echo(f"{invalid} invalid file{'s' if invalid != 1 else ''}.", err=True)
    else:
        click.echo(f"{valid} valid file{'s' if valid != 1 else ''}.", err=True)
    sys.exit(FINDINGS if invalid else OK)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "junit"]), default="text",
              show_default=True, help="How to write the findings.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--select", multiple=True, help="Report only these rules (ids or prefixes, e.g. AB1); repeatable.")
@click.option("--ignore", multiple=True, help="Do not report these rules (ids or prefixes); repeatable.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              help="The lowest severity that makes the command exit 1.  [default: error]")
@click.option("--pack", "packs", multiple=True, help="Apply this rule pack (repeatable); default: chosen from "
              "the agreement's jurisdiction and arrangement type.")
def lint(paths: tuple[str, ...], fmt: str, output: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
         fail_on: str | None, packs: tuple[str, ...]) -> None:
    """Check each agreement against the briefing's good practice and report what is missing or thin.

    PATHS are files, folders (searched for .yaml, .yml and .json files) or - for standard input.
    Settings can also live in .agreement.toml ([lint]) or pyproject.toml ([tool.agreement.lint]),
    found upward from the first path; options given here win.

    Exits 0 when no finding is at or above --fail-on, 1 when one is (including a file that cannot be
    parsed), 2 when the linter could not run.

    \b
    Example:
      agreement lint samples/first-draft.yaml
      agreement lint --format sarif -o lint.sarif agreements/
    """
    from .config import Settings, discover
    from .findings import Result
    from .lint import lint_many
    from .report import REPORTERS
    from .rules import PACKS, RULES

    found = discover(Path(paths[0]) if paths[0] != "-" else Path.cwd())
    settings = Settings(select=select or found.select, ignore=ignore or found.ignore,
                        fail_on=fail_on or found.fail_on, packs=packs or found.packs)
    for pack in settings.packs:
        if pack not in PACKS or pack == "input":
            raise UsageError(f"unknown rule pack '{pack}' (packs: {', '.join(p for p in PACKS if p != 'input')})")
    # A selector that matches nothing would pass every file in silence: a typo in a pipeline's settings.
    for option, chosen, given in (("select", settings.select, select), ("ignore", settings.ignore, ignore)):
        for prefix in chosen:
            if not any(rule_id.startswith(prefix) for rule_id in RULES):
                where = f"--{option}" if given else f"{found.source}: {option}"
                raise UsageError(f"{where} '{prefix}' matches no rule (ids such as AB101, or prefixes such as AB1); "
                                 "`agreement rules` lists them")
    result = Result()
    names = expand(paths)
    for name, findings in zip(names, lint_many(names, settings.packs or None), strict=True):
        label = findings[0].file if findings else ("<stdin>" if name == "-" else name)
        result.add(label, [f for f in findings if settings.wants(f.rule)])
    rules = [r for r in RULES.values() if settings.wants(r.id)]
    _write(REPORTERS[fmt](rules).render(result), output)
    sys.exit(FINDINGS if result.fails(settings.threshold) else OK)


def _write(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from .files import write_atomic

    write_atomic(Path(output), text.encode("utf-8"), force=True)


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
def build(file: str, output: str | None, fmt: str | None, force: bool, annotate: bool | None,
          reference_doc: str | None, clauses: str | None) -> None:
    """Draft the agreement in FILE as a Word document (or Markdown, HTML or PDF).

    Every clause is numbered; parties, groups, roles, contributions, risks, dispute stages and actions
    become schedules. For a draft, each element the input leaves out keeps its clause heading with a
    highlighted drafting note and a review comment naming the rule. FILE may be - for standard input
    (then -o is needed). An existing output file is not replaced without --force.

    Exits 0 when the document is written, 1 when the input is invalid (its problems are printed),
    2 when the build could not run.

    \b
    Example:
      agreement build samples/complete.yaml
      agreement build samples/first-draft.yaml -o first-draft.docx --force
      agreement build northvale.yaml --format html --no-annotate
    """
    from .build import build as run
    from .build import output_format, output_path
    from .drafting import Options
    from .files import write_atomic

    kind = output_format(fmt, output)
    target = output_path(file, kind, output)
    if target.exists() and not force:
        raise UsageError(f"{target}: already exists; choose another name, or use --force to replace it")
    options = Options(annotate=annotate, clauses=Path(clauses) if clauses else None)
    built = run(file, kind, options=options, reference=Path(reference_doc) if reference_doc else None)
    if built.content is None:
        for f in sorted(built.findings):
            click.echo(f"{f.location}: {f.message}" + (f" ({f.path})" if f.path else ""))
        click.echo(f"{file}: is not a valid agreement; nothing written.", err=True)
        sys.exit(FINDINGS)
    write_atomic(target, built.content, force=force)
    notes = len(built.draft.notes) if built.draft is not None else 0
    click.echo(f"Wrote {target}" + (f" ({notes} drafting note{'s' if notes != 1 else ''})." if notes else "."))


@main.command()
@click.argument("rule_id", required=False)
@click.option("--pack", help="List only the rules of this pack.")
def rules(rule_id: str | None, pack: str | None) -> None:
    """List the lint rules, or print one rule's documentation.

    \b
    Example:
      agreement rules
      agreement rules AB109
    """
    from .rules import PACKS, RULES

    if rule_id is not None:
        rule = RULES.get(rule_id.upper())
        if rule is None:
            raise UsageError(f"no rule '{rule_id}'; `agreement rules` lists them")
        click.echo(f"{rule.id} {rule.name} [{rule.severity}] pack: {rule.pack}\nSource: {rule.source}\n\n{rule.doc}")
        return
    if pack is not None and pack not in PACKS:
        raise UsageError(f"unknown rule pack '{pack}' (packs: {', '.join(PACKS)})")
    for rule in RULES.values():
        if pack is None or rule.pack == pack:
            click.echo(f"{rule.id}  {rule.name:<28} {str(rule.severity):<8} {rule.pack:<20} {rule.summary}")


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
      agreement serve northvale.yaml
    """
    from .serve.app import serve as run

    try:
        run(Path(file), port=port, browser=browser, echo=click.echo)
    except KeyboardInterrupt:
        click.echo("Stopped; every change was already saved.", err=True)


@main.command()
@click.argument("path", default="agreement.yaml", type=click.Path(dir_okay=False))
def init(path: str) -> None:
    """Write a starter agreement to PATH (default: agreement.yaml), with each section explained.

    Refuses to overwrite a file that already exists.

    \b
    Example:
      agreement init northvale.yaml
    """
    from importlib import resources

    from .files import write_atomic

    starter = resources.files("agreement_builder.templates").joinpath("starter.yaml").read_bytes()
    write_atomic(Path(path), starter, force=False)
    click.echo(f"Wrote {path}. Fill it in, then run: agreement lint {path}")
