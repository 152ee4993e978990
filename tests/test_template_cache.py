"""The cache of compiled clause templates: used only from a folder this user owns and no one else can enter,
never through a link, never a pickle; a damaged or strange entry is a miss that the next build repairs."""

from __future__ import annotations

import io
import marshal
import os
import pickle
import stat
import subprocess
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic
from robustness import COMMAND
from support import SAMPLES, run_cli

COMPLETE = SAMPLES / "complete.yaml"
DISABLE = "AGREEMENT_BUILDER_NO_CACHE"
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="changing a folder's owner needs root")


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(DISABLE, raising=False)
    return home


def entries(home: Path) -> list[Path]:
    return sorted(home.glob("agreement-builder/clauses-*/*.cache"))


def build(tmp_path: Path, name: str = "out.docx") -> int:
    run = run_cli("build", str(COMPLETE), "-o", str(tmp_path / name), "--force")
    assert "internal error" not in run.stderr, run
    return run.exit_code


def test_a_build_fills_the_cache_in_a_private_folder_and_the_next_build_uses_it(tmp_path, cache_home, monkeypatch):
    from agreement_builder import template_cache

    assert build(tmp_path) == 0
    found = entries(cache_home)
    assert len(found) > 20
    for folder in (found[0].parent, found[0].parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    loaded: list[str] = []
    real = template_cache.decode
    monkeypatch.setattr(template_cache, "decode",
                        lambda data, checksum: loaded.append(checksum) or real(data, checksum))
    assert build(tmp_path) == 0
    assert len(loaded) == len(found)


def test_an_entry_holds_the_code_and_nothing_else_loads(tmp_path):
    from agreement_builder.template_cache import decode, encode

    code = compile("x = 1", "t", "exec")
    entry = encode(code, "abc")
    assert decode(entry, "abc") == code
    assert decode(entry, "abd") is None  # another version of the template
    assert decode(entry[:-3], "abc") is None  # cut short
    assert decode(b"j2" + entry, "abc") is None
    head = entry[: -len(marshal.dumps(code))]
    assert decode(head + marshal.dumps(42), "abc") is None  # not code
    assert decode(head + b"\xff\x00garbage", "abc") is None


def test_a_planted_pickle_in_jinjas_format_is_never_loaded(tmp_path, cache_home):
    assert build(tmp_path) == 0
    marker = tmp_path / "PWNED"
    payload = pickle.dumps(_Touch(str(marker)), 2)
    for entry in entries(cache_home):
        entry.write_bytes(bc_magic + payload)
    assert build(tmp_path) == 0
    assert not marker.exists()


def test_a_corrupt_entry_is_a_miss_and_the_next_build_rewrites_it(tmp_path, cache_home):
    assert build(tmp_path) == 0
    for entry in entries(cache_home):
        entry.write_bytes(bc_magic + b"\x00garbage")
    assert build(tmp_path) == 0
    assert all(b"garbage" not in entry.read_bytes() for entry in entries(cache_home))


@pytest.mark.parametrize("kind", ["fifo", "folder", "link to /dev/zero", "too big"])
def test_an_entry_that_is_not_a_small_file_is_not_read(tmp_path, cache_home, kind):
    assert build(tmp_path) == 0
    entry = entries(cache_home)[0]
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "folder":
        entry.mkdir()
    elif kind == "too big":
        with entry.open("wb") as f:
            f.truncate(4 * 1024 * 1024 + 1)  # MAX_ENTRY_BYTES
    else:
        entry.symlink_to("/dev/zero")
    # In a child process, so that a build that blocks on the FIFO fails the test instead of hanging it.
    done = subprocess.run([*COMMAND, "build", str(COMPLETE), "-o", str(tmp_path / "b.docx")],
                          env={**os.environ, "XDG_CACHE_HOME": str(cache_home)}, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "b.docx").is_file()


def test_an_entry_planted_in_the_users_own_folder_runs_as_the_users_own_code_would(tmp_path, cache_home):
    # The boundary the cache keeps: whoever can write this user's own private folder can already run code as
    # this user. This shows that what the tests below plant would run, were the folder trusted.
    assert build(tmp_path) == 0
    _plant(cache_home, tmp_path / "PWNED")
    build(tmp_path)
    assert (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o733, 0o702])
def test_a_cache_folder_others_may_write_to_is_not_used(tmp_path, cache_home, mode):
    assert build(tmp_path) == 0
    folder = entries(cache_home)[0].parent
    folder.chmod(mode)
    _plant(cache_home, tmp_path / "PWNED")
    assert build(tmp_path) == 0
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("mode", [0o755, 0o750, 0o701])
def test_a_cache_folder_others_may_only_read_is_made_private_and_used(tmp_path, cache_home, mode):
    # An earlier version left the folders readable by all; no one else could write there, so they are kept.
    assert build(tmp_path) == 0
    folders = [cache_home / "agreement-builder", entries(cache_home)[0].parent]
    for folder in folders:
        folder.chmod(mode)
    written = [entry.stat().st_mtime_ns for entry in entries(cache_home)]
    assert build(tmp_path) == 0
    assert [stat.S_IMODE(folder.stat().st_mode) for folder in folders] == [0o700, 0o700]
    assert [entry.stat().st_mtime_ns for entry in entries(cache_home)] == written  # loaded, not rewritten


def test_an_entry_others_may_write_to_is_not_loaded(tmp_path, cache_home):
    assert build(tmp_path) == 0
    _plant(cache_home, tmp_path / "PWNED")
    for entry in entries(cache_home):
        entry.chmod(0o666)
    assert build(tmp_path) == 0
    assert not (tmp_path / "PWNED").exists()


def test_a_cache_folder_whose_parent_others_may_write_to_is_not_used(tmp_path, cache_home):
    assert build(tmp_path) == 0
    (cache_home / "agreement-builder").chmod(0o777)
    _plant(cache_home, tmp_path / "PWNED")
    assert build(tmp_path) == 0
    assert not (tmp_path / "PWNED").exists()


@ROOT_ONLY
def test_a_cache_folder_owned_by_another_user_is_not_used(tmp_path, cache_home):
    assert build(tmp_path) == 0
    for path in [cache_home / "agreement-builder", *(cache_home / "agreement-builder").rglob("*")]:
        os.chown(path, 65534, 65534)
    _plant(cache_home, tmp_path / "PWNED")
    assert build(tmp_path) == 0
    assert not (tmp_path / "PWNED").exists()


def test_a_cache_folder_that_is_a_link_is_not_followed(tmp_path, cache_home):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    cache_home.mkdir()
    (cache_home / "agreement-builder").symlink_to(elsewhere)
    assert build(tmp_path) == 0
    assert list(elsewhere.iterdir()) == []


def test_a_relative_cache_home_is_ignored_as_the_xdg_specification_says(tmp_path, monkeypatch):
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_CACHE_HOME", "relcache")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv(DISABLE, raising=False)
    assert build(tmp_path) == 0
    assert not (work / "relcache").exists()
    assert entries(home / ".cache")


@pytest.mark.parametrize("value", ["file", "empty"])
def test_a_cache_home_that_is_a_file_or_empty_does_not_stop_a_build(tmp_path, monkeypatch, value):
    (tmp_path / "afile").write_text("x")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "afile") if value == "file" else "")
    assert build(tmp_path) == 0


def test_the_cache_can_be_turned_off(tmp_path, cache_home, monkeypatch):
    monkeypatch.setenv(DISABLE, "1")
    assert build(tmp_path) == 0
    assert not cache_home.exists()


def test_an_entry_that_cannot_be_written_is_skipped(tmp_path, cache_home, monkeypatch):
    from agreement_builder import template_cache

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(template_cache, "encode", full)
    assert build(tmp_path) == 0
    assert entries(cache_home) == []
    assert not list(cache_home.glob("agreement-builder/*/.*.tmp"))


class _Touch:
    """What an attacker would pickle: unpickling it creates a file."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (self.path,))  # type: ignore[return-value]


def _plant(home: Path, marker: Path) -> None:
    """Replace every entry's code with code that creates ``marker``, keeping the entry's own header: Jinja's
    (its magic, then the template's checksum pickled) or ours (two lines), so that the code would run if the
    entry were loaded, whichever format the cache writes."""
    code = marshal.dumps(compile(f"open({str(marker)!r}, 'w').close()", "t", "exec"))
    for entry in entries(home):
        data = entry.read_bytes()
        if data.startswith(bc_magic):
            checksum = pickle.load(io.BytesIO(data[len(bc_magic):]))  # our own test's file: safe to unpickle
            entry.write_bytes(bc_magic + pickle.dumps(checksum, 2) + code)
        else:
            entry.write_bytes(b"\n".join(data.split(b"\n", 2)[:2]) + b"\n" + code)


def test_the_form_page_of_serve_keeps_its_compiled_templates_in_the_same_kind_of_private_folder(cache_home):
    from agreement_builder.serve.app import App

    app = App(COMPLETE)
    app.page.render(app.store.current(), app.path, "t")
    folders = list(cache_home.glob("agreement-builder/serve-*"))
    assert len(folders) == 1 and stat.S_IMODE(folders[0].stat().st_mode) == 0o700
    written = list(folders[0].glob("*.cache"))
    assert written and all(e.read_bytes().startswith(b"agreement-builder compiled") for e in written)


def test_a_serve_cache_folder_others_may_write_to_is_not_used(cache_home):
    from agreement_builder.serve.app import App

    folder = next(iter(_serve_folder(cache_home)))
    folder.chmod(0o777)
    app = App(COMPLETE)
    app.page.render(app.store.current(), app.path, "t")
    assert list(folder.glob("*.cache")) == []


def _serve_folder(cache_home: Path) -> list[Path]:
    from agreement_builder import template_cache
    from agreement_builder.serve import page

    assert template_cache.cache("serve", Path(page.__file__)) is not None  # makes the folder
    return list(cache_home.glob("agreement-builder/serve-*"))
