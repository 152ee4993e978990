"""User clause templates (`--clauses`): read only from inside their folder, and bounded in time, memory and
size; every way they fail ends in a message naming the template, never in an internal error or a hang."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import pytest
from support import SAMPLES, Run, run_cli

from agreement_builder import clauses

COMPLETE = SAMPLES / "complete.yaml"


@pytest.fixture
def sandbox():  # type: ignore[no-untyped-def]
    """The sandbox module, whose bounds some tests lower to reach them quickly."""
    import agreement_builder.sandbox as module

    return module


def folder_with(tmp_path: Path, body: str, *, whole: bool = False, name: str = "variation.xml.j2") -> Path:
    folder = tmp_path / "clauses"
    folder.mkdir(exist_ok=True)
    text = body if whole else f'<section key="variation"><heading>Variation</heading><clause>{body}</clause></section>'
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def build_with(tmp_path: Path, folder: Path, fmt: str = "md") -> tuple[Run, Path]:
    out = tmp_path / f"out.{fmt}"
    return run_cli("build", str(COMPLETE), "--clauses", str(folder), "-o", str(out)), out


def refused(run: Run, out: Path, *words: str) -> None:
    assert run.exit_code == 2, run
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr, run
    assert all(w in run.stderr for w in words), run
    assert len(run.stderr.strip().splitlines()) == 1, run
    assert not out.exists()


# ---------------------------------------------------------------- bounds on what an expression may make


@pytest.mark.parametrize(("payload", "words"), [
    ("{{ 'a' * 10**10 }}", "repeated to more than 1,000,000"),
    ("{{ 10**10 * 'a' }}", "repeated to more than 1,000,000"),
    ("{{ ('a' * 10**9)|length }}", "repeated to more than 1,000,000"),
    ("{{ ([1] * 10**9)|length }}", "repeated to more than 1,000,000"),
    ("{{ '{:>10000000000}'.format('a') }}", "a format width of more than"),
    ("{{ '{0:.99999999}'.format(1.5) }}", "a format width of more than"),
    ("{{ '%10000000000d' % 1 }}", "a format width of more than"),
    ("{{ '%*d' % (10**10, 1) }}", "a format width of more than"),
    ("{{ '%-*s' % (10**10, 'a') }}", "a format width of more than"),
    ("{{ '%10000000d'|format(1) }}", "a format width of more than"),
    ("{{ 'a'|center(10**10) }}", "the center filter asked for more than"),
    ("{{ 'a\\nb'|indent(10**9) }}", "the indent filter asked for more than"),
    ("{{ [1]|batch(10**9, 'x')|list }}", "the batch filter asked for more than"),
    ("{{ [1]|slice(10**9, 'x')|list }}", "the slice filter asked for more than"),
    ("{{ 'a'.center(10**10) }}", "str.center asked for more than"),
    ("{{ 'a'.ljust(width=10**10) }}", "str.ljust asked for more than"),
    ("{{ 'a'.zfill(10**10) }}", "str.zfill asked for more than"),
    ("{{ 10 ** (10 ** 10) }}", "a power with more than"),
    ("{{ lipsum(10**6) }}", "lipsum asked for more than"),
    ("{{ lipsum(1, max=10**9) }}", "lipsum asked for more than"),
])
def test_an_expression_asking_for_a_huge_value_is_refused(tmp_path, payload, words):
    run, out = build_with(tmp_path, folder_with(tmp_path, payload))
    refused(run, out, "variation.xml.j2, line 1: not allowed in a clause template: ", words)


@pytest.mark.parametrize("payload", [
    "{{ 'ab' * 3 }}", "{{ 3 * '-' }}", "{{ 2 ** 10 }}", "{{ (-3) ** 3 }}", "{{ 2.5 ** 2 }}", "{{ 7 * 6 }}",
    "{{ '%5d' % 3 }}", "{{ '%s and %s' % ('a', 'b') }}", "{{ '%d' % 5000000 }}", "{{ '{:>12}'.format('a') }}",
    "{{ 'a'|center(20) }}", "{{ [1, 2, 3]|batch(2)|list|length }}", "{{ [1, 2, 3]|slice(2)|list|length }}",
    "{{ 'a\\nb'|indent(4) }}", "{{ lipsum(2, html=False) }}", "{{ 'x'.rjust(8, '.') }}", "{{ '%.2f'|format(2.5) }}",
    "{{ 1000000 * 1000000 }}", "{{ 'a' * True }}",
])
def test_ordinary_expressions_still_work(tmp_path, payload):
    run, out = build_with(tmp_path, folder_with(tmp_path, payload))
    assert run.exit_code == 0, run
    assert out.is_file()


@pytest.mark.parametrize(("payload", "words"), [
    ("{% for i in range(10**9) %}{% endfor %}", "OverflowError: Range too big"),
    ("{{ 2.0 ** 10000 }}", "OverflowError"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "a macro or include calls itself without end"),
    ("{% include 'variation.xml.j2' %}", "a macro or include calls itself without end"),
    ("{{ 10 ** 5000 }}", "ValueError"),
])
def test_a_template_that_fails_at_a_limit_is_named_with_its_line(tmp_path, payload, words):
    run, out = build_with(tmp_path, folder_with(tmp_path, payload))
    refused(run, out, "variation.xml.j2, line 1", words)


def test_templates_that_run_too_long_end_the_build_with_a_located_message(tmp_path, monkeypatch, sandbox):
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.5)
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    run, out = build_with(tmp_path, folder_with(tmp_path, loops))
    refused(run, out, "variation.xml.j2, line 1: the clause templates took more than 0.5 s to render")


def test_the_time_limit_counts_every_template_of_the_build(tmp_path, monkeypatch, sandbox):
    # Each template alone takes less than the limit; together they take more.
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.6)
    slow = "{% for i in range(100000) %}{% for j in range(10) %}{% endfor %}{% endfor %}"
    folder = folder_with(tmp_path, slow)
    folder_with(tmp_path, f'<section key="term"><heading>Term</heading><clause>{slow}</clause></section>', whole=True,
                name="term.xml.j2")
    folder_with(tmp_path, f'<section key="risk"><heading>Risk</heading><clause>{slow}</clause></section>', whole=True,
                name="risk.xml.j2")
    run, out = build_with(tmp_path, folder)
    refused(run, out, "took more than 0.6 s to render")


def test_timers_of_others_survive_a_sandboxed_build(tmp_path, sandbox):
    previous = signal.signal(signal.SIGPROF, lambda *_: None)
    signal.setitimer(signal.ITIMER_PROF, 1000)
    try:
        run, _ = build_with(tmp_path, folder_with(tmp_path, "{{ 1 }}"))
        assert run.exit_code == 0, run
        remaining, _ = signal.getitimer(signal.ITIMER_PROF)
        assert 900 < remaining <= 1000
        assert signal.getsignal(signal.SIGPROF) is not sandbox._out_of_time
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def test_without_another_timer_none_is_left_running(tmp_path):
    run, _ = build_with(tmp_path, folder_with(tmp_path, "{{ 1 }}"))
    assert run.exit_code == 0, run
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_a_template_that_makes_too_much_text_is_refused(tmp_path, monkeypatch, sandbox):
    monkeypatch.setattr(sandbox, "MAX_OUTPUT", 100_000)
    run, out = build_with(tmp_path, folder_with(tmp_path, "{% for i in range(50000) %}words {% endfor %}"))
    refused(run, out, "variation.xml.j2", "produced more than")


def test_a_template_that_needs_too_much_memory_is_refused_and_the_limit_restored(tmp_path, monkeypatch, sandbox):
    import resource

    if sandbox._address_space() is None:
        pytest.skip("the system does not report the address space")
    monkeypatch.setattr(sandbox, "MEMORY_LIMIT", 64 * 1024 * 1024)
    before = resource.getrlimit(resource.RLIMIT_AS)
    doubling = ("{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
                "{{ ns.s|length }}")
    run, out = build_with(tmp_path, folder_with(tmp_path, doubling))
    refused(run, out, "variation.xml.j2", "needed more than 64 MB of memory")
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_a_huge_column_width_does_not_make_a_huge_markdown_table(tmp_path):
    table = ('<section key="variation"><heading>V</heading><table><col width="1000000000">A</col>'
             "<row><cell>x</cell></row></table></section>")
    run, out = build_with(tmp_path, folder_with(tmp_path, table, whole=True))
    assert run.exit_code == 0, run
    assert out.stat().st_size < 200_000
    assert "|" + "-" * 300 + "|" in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------- reading only the folder's own files


def test_a_helper_that_is_a_link_out_of_the_folder_is_refused_and_nothing_of_it_shown(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    folder = folder_with(tmp_path, "{% include '_leak.xml.j2' %}")
    (folder / "_leak.xml.j2").symlink_to(secret)
    run, out = build_with(tmp_path, folder)
    refused(run, out, "_leak.xml.j2: is a link to", "which is outside the clause folder")
    assert "the secret" not in run.stdout + run.stderr


def test_a_template_that_is_a_link_out_of_the_folder_is_refused(tmp_path):
    folder = tmp_path / "clauses"
    folder.mkdir()
    (folder / "variation.xml.j2").symlink_to("/etc/passwd")
    run, out = build_with(tmp_path, folder)
    refused(run, out, "variation.xml.j2: is a link to /etc/passwd")
    assert "root:" not in run.stderr


def test_a_link_that_stays_inside_the_folder_is_followed(tmp_path):
    folder = folder_with(tmp_path, "{% include '_shared.xml.j2' %}")
    (folder / "real.txt").write_text("shared wording", encoding="utf-8")
    (folder / "_shared.xml.j2").symlink_to(folder / "real.txt")
    run, out = build_with(tmp_path, folder)
    assert run.exit_code == 0, run
    assert "shared wording" in out.read_text(encoding="utf-8")


def test_a_clause_folder_given_through_a_link_works(tmp_path):
    folder = folder_with(tmp_path, "Our own wording")
    (tmp_path / "alias").symlink_to(folder)
    run, out = build_with(tmp_path, tmp_path / "alias")
    assert run.exit_code == 0, run
    assert "Our own wording" in out.read_text(encoding="utf-8")


def test_a_helper_without_the_template_suffix_cannot_be_included(tmp_path):
    folder = folder_with(tmp_path, "{% include '_notes' %}")
    (folder / "_notes").write_text("notes", encoding="utf-8")
    run, out = build_with(tmp_path, folder)
    refused(run, out, "variation.xml.j2, line 1: the clause template _notes does not exist")


@pytest.mark.parametrize("name", ["/etc/passwd", "../../../etc/passwd", "sub/x.xml.j2"])
def test_an_include_by_path_names_the_including_template(tmp_path, name):
    run, out = build_with(tmp_path, folder_with(tmp_path, f"{{% include '{name}' %}}"))
    refused(run, out, f"variation.xml.j2, line 1: the clause template {name} does not exist")


def test_a_fifo_override_is_reported_not_silently_ignored(tmp_path):
    folder = tmp_path / "clauses"
    folder.mkdir()
    os.mkfifo(folder / "variation.xml.j2")
    run, out = build_with(tmp_path, folder)
    refused(run, out, "variation.xml.j2: is a pipe (FIFO), not a file; a clause template is a text file")


def test_a_folder_named_like_a_template_is_reported(tmp_path):
    folder = tmp_path / "clauses"
    (folder / "variation.xml.j2").mkdir(parents=True)
    run, out = build_with(tmp_path, folder)
    refused(run, out, "variation.xml.j2: is a folder, not a file")


def test_a_dangling_link_override_is_reported(tmp_path):
    folder = tmp_path / "clauses"
    folder.mkdir()
    (folder / "variation.xml.j2").symlink_to(folder / "gone.xml.j2")
    run, out = build_with(tmp_path, folder)
    refused(run, out, "variation.xml.j2: cannot be read: No such file or directory")


def test_a_huge_template_is_refused_after_reading_no_more_than_the_limit(tmp_path, monkeypatch):
    folder = tmp_path / "clauses"
    folder.mkdir()
    template = folder / "variation.xml.j2"
    with template.open("wb") as f:
        f.truncate(3 * 1024**3)  # sparse: 3 GB that take no room
    inode = template.stat().st_ino
    read: list[int] = []
    real_read = os.read

    def counting(fd: int, size: int) -> bytes:
        data = real_read(fd, size)
        if os.fstat(fd).st_ino == inode:
            read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting)
    run, out = build_with(tmp_path, folder)
    refused(run, out, "variation.xml.j2: is larger than 1 MB")
    assert sum(read) == clauses.MAX_TEMPLATE_BYTES + 1


def test_a_template_message_names_the_users_file_once(tmp_path):
    folder = tmp_path / "clauses"
    folder.mkdir()
    (folder / "variation.xml.j2").write_bytes(b"<section>\xe9</section>")
    run, out = build_with(tmp_path, folder)
    refused(run, out, f"{folder / 'variation.xml.j2'}: is not UTF-8 text")
    assert run.stderr.count("variation.xml.j2") == 1


def test_malformed_output_of_a_users_template_names_the_users_file(tmp_path):
    folder = folder_with(tmp_path, "<unclosed>")
    run, out = build_with(tmp_path, folder)
    refused(run, out, f"{folder / 'variation.xml.j2'}: produced malformed XML")
    assert "clauses/variation.xml.j2" not in run.stderr.replace(str(folder), "")


def test_an_unreadable_clause_folder_is_reported(tmp_path, monkeypatch):
    folder = folder_with(tmp_path, "x")
    real = Path.iterdir

    def locked(self: Path):  # type: ignore[no-untyped-def]
        if self == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", locked)
    run, out = build_with(tmp_path, folder)
    refused(run, out, "the clause folder cannot be read: Permission denied")


# ---------------------------------------------------------------- escaping what a template gives


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_notes_rule_attribute_is_escaped_in_every_format(tmp_path, fmt):
    note = ("<section key=\"variation\"><heading>V</heading><note rule='&lt;img src=x onerror=alert(1)&gt;' "
            "severity='error'>n</note><clause>c</clause></section>")
    out = tmp_path / f"out.{fmt}"
    run = run_cli("build", str(COMPLETE), "--clauses", str(folder_with(tmp_path, note, whole=True)), "-o", str(out),
                  "--annotate")
    assert run.exit_code == 0, run
    if fmt == "docx":
        import zipfile

        text = "".join(zipfile.ZipFile(out).read(n).decode() for n in ("word/document.xml", "word/comments.xml"))
        assert "<img" not in text
    else:
        text = out.read_text(encoding="utf-8")
        assert not re.search(r"(?<!\\)<img", text), text[text.find("Drafting note"):][:200]
        assert fmt == "md" or "&lt;img src=x onerror=alert(1)&gt;" in text  # HTML keeps it, escaped
