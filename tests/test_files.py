"""Writing output files: never over an input, never through a link or into a device, all at once, with the
umask's permissions, and nothing left behind when the write fails, is interrupted or is told to stop."""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from agreement_builder import files
from agreement_builder.errors import UsageError

NOT_ROOT = pytest.mark.skipif(os.geteuid() == 0, reason="as root, chmod does not stop writing")
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ---------------------------------------------------------------- what is written


def test_a_new_file_gets_the_content_and_nothing_else_is_left(tmp_path):
    target = tmp_path / "out.md"
    files.write_atomic(target, b"agreement", force=False)
    assert target.read_bytes() == b"agreement"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664), (0o000, 0o666)])
@pytest.mark.parametrize("force", [False, True])
def test_a_written_file_has_the_permissions_the_umask_allows(tmp_path, umask, mode, force):
    target = tmp_path / "out.md"
    previous = os.umask(umask)
    try:
        files.write_atomic(target, b"x", force=force)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_replacing_a_file_with_force_gives_the_new_content(tmp_path):
    target = tmp_path / "out.md"
    target.write_bytes(b"old")
    files.write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []


def test_the_content_reaches_the_disk_before_the_name_and_the_name_after(tmp_path, monkeypatch):
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        named = (tmp_path / "out.md").exists()
        synced.append(f"{kind}, {'after' if named else 'before'} the name")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    files.write_atomic(tmp_path / "out.md", b"x", force=False)
    assert synced == ["file, before the name", "folder, after the name"]


def test_a_folder_that_cannot_be_synced_does_not_fail_the_write(tmp_path, monkeypatch):
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    files.write_atomic(tmp_path / "out.md", b"x", force=False)
    assert (tmp_path / "out.md").read_bytes() == b"x"


def test_writing_from_a_thread_other_than_the_main_one_works(tmp_path):
    errors: list[BaseException] = []

    def work() -> None:
        try:
            files.write_atomic(tmp_path / "out.md", b"x", force=False)
        except BaseException as e:  # noqa: BLE001 - handed to the test
            errors.append(e)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert errors == [] and (tmp_path / "out.md").read_bytes() == b"x"


# ---------------------------------------------------------------- what is refused


def test_an_existing_file_is_not_replaced_without_force(tmp_path):
    target = tmp_path / "out.md"
    target.write_bytes(b"edited by a legal officer")
    with pytest.raises(UsageError, match=r"out\.md: already exists \(a file\); choose another name, or use --force"):
        files.write_atomic(target, b"new", force=False)
    assert target.read_bytes() == b"edited by a legal officer"
    assert leftovers(tmp_path) == []


def test_a_dangling_link_counts_as_existing_without_force(tmp_path):
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "elsewhere" / "nothing.md")
    with pytest.raises(UsageError, match="already exists \\(a link that leads nowhere\\)"):
        files.write_atomic(link, b"x", force=False)
    assert link.is_symlink() and not (tmp_path / "elsewhere").exists()


def test_a_link_to_a_file_is_refused_without_force_and_replaced_itself_with_force(tmp_path):
    outside = tmp_path / "precious.md"
    outside.write_bytes(b"precious")
    link = tmp_path / "out.md"
    link.symlink_to(outside)
    with pytest.raises(UsageError, match="already exists \\(a link to another file\\)"):
        files.write_atomic(link, b"x", force=False)
    files.write_atomic(link, b"new", force=True)
    assert not link.is_symlink() and link.read_bytes() == b"new"
    assert outside.read_bytes() == b"precious"


def test_a_dangling_link_is_replaced_itself_with_force(tmp_path):
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    files.write_atomic(link, b"new", force=True)
    assert not link.is_symlink() and link.read_bytes() == b"new"
    assert not (tmp_path / "elsewhere.md").exists()


@pytest.mark.parametrize("force", [False, True])
def test_a_folder_is_refused(tmp_path, force):
    (tmp_path / "out.md").mkdir()
    with pytest.raises(UsageError, match="is a folder; give a file name"):
        files.write_atomic(tmp_path / "out.md", b"x", force=force)
    assert (tmp_path / "out.md").is_dir()


@pytest.mark.parametrize("force", [False, True])
def test_a_link_to_a_folder_is_refused(tmp_path, force):
    (tmp_path / "folder").mkdir()
    (tmp_path / "out.md").symlink_to(tmp_path / "folder")
    with pytest.raises(UsageError, match="is a folder"):
        files.write_atomic(tmp_path / "out.md", b"x", force=force)
    assert (tmp_path / "out.md").is_symlink()


@pytest.mark.parametrize("force", [False, True])
def test_a_fifo_is_refused_and_left_in_place(tmp_path, force):
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match=r"is a pipe \(FIFO\), not a file; give the name of a file"):
        files.write_atomic(fifo, b"x", force=force)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("force", [False, True])
def test_a_link_to_a_fifo_is_refused_and_left_in_place(tmp_path, force):
    os.mkfifo(tmp_path / "pipe")
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "pipe")
    with pytest.raises(UsageError, match=r"is a link to a pipe \(FIFO\), not a file"):
        files.write_atomic(link, b"x", force=force)
    assert link.is_symlink()


def test_a_socket_is_refused(tmp_path):
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(UsageError, match="is a socket, not a file"):
            files.write_atomic(path, b"x", force=True)


def test_a_character_device_is_refused():
    # Without --force only: code that got this wrong would, as root, replace the machine's /dev/null. With
    # --force, a device node of the test's own is used below.
    with pytest.raises(UsageError, match="/dev/null: is a device, not a file"):
        files.write_atomic(Path("/dev/null"), b"x", force=False)


@ROOT_ONLY
@pytest.mark.parametrize("kind", [stat.S_IFCHR, stat.S_IFBLK])
def test_a_device_node_is_left_as_it_is_with_force(tmp_path, kind):
    # Device nodes of the test's own (a copy of /dev/full; a loop device's number), never opened.
    device = tmp_path / "device"
    os.mknod(device, kind | 0o600, os.makedev(1, 7) if kind == stat.S_IFCHR else os.makedev(7, 0))
    with pytest.raises(UsageError, match="device: is a device, not a file"):
        files.write_atomic(device, b"x", force=True)
    assert stat.S_IFMT(os.lstat(device).st_mode) == kind


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(UsageError, match=f"the folder {tmp_path / 'nope'} does not exist"):
        files.write_atomic(tmp_path / "nope" / "out.md", b"x", force=True)


def test_a_path_through_a_file_cannot_be_checked(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="does not exist|cannot be checked"):
        files.write_atomic(tmp_path / "file" / "out.md", b"x", force=True)


@NOT_ROOT
def test_a_folder_that_cannot_be_written_is_reported_and_nothing_is_left(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    with pytest.raises(UsageError, match="cannot write here: Permission denied"):
        files.write_atomic(folder / "out.md", b"x", force=False)


def test_a_temporary_file_that_cannot_be_made_is_reported(tmp_path, monkeypatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    with pytest.raises(UsageError, match="out.md: cannot write here: Permission denied"):
        files.write_atomic(tmp_path / "out.md", b"x", force=False)
    if hasattr(signal, "pthread_sigmask"):  # the signals held back while it was tried are let through
        assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, [])


# ---------------------------------------------------------------- the inputs of the run


@pytest.mark.parametrize("force", [False, True])
def test_an_input_of_the_run_is_never_replaced(tmp_path, force):
    source = tmp_path / "plan.yaml"
    source.write_bytes(b"agreement")
    with pytest.raises(UsageError, match=r"plan\.yaml: is an input of this run; writing there would replace it"):
        files.write_atomic(source, b"report", force=force, inputs=[source])
    assert source.read_bytes() == b"agreement"


@pytest.mark.parametrize("kind", ["hard link", "link to the input", "input through a link", "other spelling"])
def test_an_input_is_recognised_by_identity_however_it_is_named(tmp_path, kind, monkeypatch):
    source = tmp_path / "plan.yaml"
    source.write_bytes(b"agreement")
    given, target = source, tmp_path / "out.md"
    if kind == "hard link":
        os.link(source, target)
    elif kind == "link to the input":
        target.symlink_to(source)
    elif kind == "input through a link":
        given = tmp_path / "alias.yaml"
        given.symlink_to(source)
        target = source
    else:
        monkeypatch.chdir(tmp_path)
        target = Path("sub/../plan.yaml")
        (tmp_path / "sub").mkdir()
    with pytest.raises(UsageError, match="is an input of this run"):
        files.write_atomic(target, b"report", force=True, inputs=[given])
    assert source.read_bytes() == b"agreement"


def test_the_input_is_named_when_the_output_is_another_name_for_it(tmp_path):
    source = tmp_path / "plan.yaml"
    source.write_bytes(b"a")
    os.link(source, tmp_path / "out.md")
    with pytest.raises(UsageError, match=rf"out\.md: is an input of this run \({source}\)"):
        files.check_target(tmp_path / "out.md", force=True, inputs=[source])


def test_an_input_that_is_not_there_and_other_files_do_not_stop_the_write(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_bytes(b"a")
    files.write_atomic(tmp_path / "out.md", b"x", force=False, inputs=[tmp_path / "missing.yaml", other])
    (tmp_path / "old.md").write_bytes(b"old")
    files.write_atomic(tmp_path / "old.md", b"new", force=True, inputs=[other])
    assert (tmp_path / "old.md").read_bytes() == b"new"


# ---------------------------------------------------------------- two runs at once


def test_a_file_written_meanwhile_by_another_run_is_not_replaced(tmp_path, monkeypatch):
    target = tmp_path / "same.md"
    real_fsync = os.fsync

    def other_run_wins(fd: int) -> None:
        real_fsync(fd)
        if not target.exists():
            target.write_bytes(b"the other run's agreement")

    monkeypatch.setattr(os, "fsync", other_run_wins)
    with pytest.raises(UsageError, match="already exists"):
        files.write_atomic(target, b"ours", force=False)
    assert target.read_bytes() == b"the other run's agreement"
    assert leftovers(tmp_path) == []


def test_the_name_is_taken_by_a_hard_link_that_fails_if_the_name_appeared_after_the_last_check(tmp_path, monkeypatch):
    target = tmp_path / "same.md"
    real_link = os.link

    def raced(source: str, destination: str) -> None:
        Path(destination).write_bytes(b"the other run's agreement")
        real_link(source, destination)

    monkeypatch.setattr(os, "link", raced)
    with pytest.raises(UsageError, match="written by something else while this ran"):
        files.write_atomic(target, b"ours", force=False)
    assert target.read_bytes() == b"the other run's agreement"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("code", [errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS])
def test_where_hard_links_cannot_be_made_the_name_is_claimed_by_exclusive_creation(tmp_path, monkeypatch, code):
    def no_links(source: str, destination: str) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", no_links)
    files.write_atomic(tmp_path / "out.md", b"content", force=False)
    assert (tmp_path / "out.md").read_bytes() == b"content"
    assert leftovers(tmp_path) == []


def test_where_hard_links_cannot_be_made_a_name_taken_meanwhile_is_not_replaced(tmp_path, monkeypatch):
    target = tmp_path / "same.md"

    def no_links(source: str, destination: str) -> None:
        target.write_bytes(b"the other run's agreement")
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    with pytest.raises(UsageError, match="written by something else while this ran"):
        files.write_atomic(target, b"ours", force=False)
    assert target.read_bytes() == b"the other run's agreement"
    assert leftovers(tmp_path) == []


def test_another_failure_of_the_hard_link_is_reported_and_cleaned_up(tmp_path, monkeypatch):
    def broken(source: str, destination: str) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "link", broken)
    with pytest.raises(UsageError, match="out.md: cannot write: Input/output error"):
        files.write_atomic(tmp_path / "out.md", b"x", force=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_target_that_became_a_fifo_before_the_rename_is_refused(tmp_path, monkeypatch):
    target = tmp_path / "out.md"
    target.write_bytes(b"old")
    real_fsync = os.fsync

    def swapped(fd: int) -> None:
        real_fsync(fd)
        if stat.S_ISREG(os.lstat(target).st_mode):
            target.unlink()
            os.mkfifo(target)

    monkeypatch.setattr(os, "fsync", swapped)
    with pytest.raises(UsageError, match="is a pipe"):
        files.write_atomic(target, b"new", force=True)
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------- failures while writing


@pytest.mark.parametrize("where", ["write", "fchmod", "fsync", "replace"])
def test_a_failing_write_leaves_no_temporary_file_and_the_old_file_intact(tmp_path, monkeypatch, where):
    target = tmp_path / "out.md"
    target.write_bytes(b"old")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fd: int, mode: str) -> None:
                self.f = real_fdopen(fd, mode)

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *exc: object) -> None:
                self.f.close()

            def write(self, data: bytes) -> None:
                fail()

        monkeypatch.setattr(files.os, "fdopen", Full)
    else:
        monkeypatch.setattr(os, where, fail)
    with pytest.raises(UsageError, match="out.md: cannot write: No space left on device"):
        files.write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_an_interruption_while_writing_removes_the_temporary_file_and_goes_on(tmp_path, monkeypatch):
    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(tmp_path / "out.md", b"x", force=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# A child process writes with a signal sent to itself at one step of the write, as a CI timeout or a closed
# terminal would send it; it must end by that signal and leave nothing behind.
_SIGNALLED = """
import os, signal, sys
from pathlib import Path
from agreement_builder import files
signum, step, folder = int(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
if sys.argv[4] == "ignored":
    signal.signal(signum, signal.SIG_IGN)
else:  # as at a terminal, whatever this process inherited (a job started in the background ignores SIGINT)
    signal.signal(signum, signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL)
import tempfile
module = tempfile if step == "mkstemp" else os
real = getattr(module, step)
def hit(*args, **kwargs):
    result = real(*args, **kwargs)  # the signal comes just after the step, before write_atomic has its result
    os.kill(os.getpid(), signum)
    return result
setattr(module, step, hit)
try:
    files.write_atomic(folder / "out.md", b"agreement" * 1000, force=step == "replace")
except BaseException as e:
    print("raised", type(e).__name__)
    raise
print("finished")
"""


@pytest.mark.parametrize("step", ["mkstemp", "fsync", "replace", "link"])
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_to_stop_while_writing_removes_the_temporary_file_and_ends_the_process_by_it(tmp_path, name, step):
    signum = getattr(signal, name)
    done = subprocess.run([sys.executable, "-c", _SIGNALLED, str(signum), step, str(tmp_path), "default"],
                          capture_output=True, text=True, timeout=60, check=False)
    # SIGINT arrives as KeyboardInterrupt, which write_atomic passes on after its clean-up (the CLI says
    # "Interrupted." and exits 130; uncaught here, Python ends by SIGINT); the others end the process themselves.
    assert done.returncode == -signum, done
    assert ("raised KeyboardInterrupt" in done.stdout) is (name == "SIGINT")
    assert leftovers(tmp_path) == [], done
    left = tmp_path / "out.md"  # after the rename or the link, the file is whole: never a part of it
    assert not left.exists() or left.read_bytes() == b"agreement" * 1000
    assert left.exists() is (step in ("replace", "link"))
    assert "finished" not in done.stdout


def test_a_signal_the_user_chose_to_ignore_stays_ignored_while_writing(tmp_path):
    done = subprocess.run([sys.executable, "-c", _SIGNALLED, str(signal.SIGHUP), "fsync", str(tmp_path), "ignored"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0 and "finished" in done.stdout, done
    assert (tmp_path / "out.md").is_file()


def test_the_signal_handlers_are_as_they_were_after_a_write(tmp_path, monkeypatch):
    during: list[object] = []
    real_fsync = os.fsync

    def look(fd: int) -> None:
        during.append((signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", look)
    before = (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP))
    files.write_atomic(tmp_path / "out.md", b"x", force=False)
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)) == before
    # the file under the guard, for both signals (one the user chose to ignore stays ignored); then the folder,
    # after it
    guarded = tuple(h if h == signal.SIG_IGN else files._raise_stopped for h in before)
    assert during == [guarded, before]


def test_a_signal_while_writing_with_handlers_raises_after_removing_the_temporary_file(tmp_path, monkeypatch):
    # If the signal does not end the process (here: the test's own handler), the write still fails cleanly.
    caught: list[int] = []
    monkeypatch.setattr(files.os, "kill", lambda pid, signum: caught.append(signum))

    real_fsync, synced = os.fsync, []

    def stop(fd: int) -> None:
        synced.append(fd)
        if len(synced) == 1:  # the file's sync; the folder's, if the write went on, would pass
            files._raise_stopped(signal.SIGTERM, None)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", stop)
    with pytest.raises(files._Stopped):
        files.write_atomic(tmp_path / "out.md", b"x", force=False)
    assert caught == [signal.SIGTERM]
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


# ---------------------------------------------------------------- reading


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0


@pytest.mark.parametrize(("size", "read"), [(0, 0), (10, 10), (100, 100), (101, 101), (102, 101),
                                            (3 * 1024 * 1024, 101)])
def test_read_file_reads_no_further_than_one_byte_past_the_limit(tmp_path, size, read):
    path = tmp_path / "f"
    path.write_bytes(bytes(range(256)) * (size // 256) + bytes(range(size % 256)))
    assert files.read_file(path, 100) == path.read_bytes()[:read]


def test_read_file_reads_a_file_larger_than_one_chunk_whole(tmp_path):
    path = tmp_path / "f"
    content = os.urandom(3 * 1024 * 1024 + 7)
    path.write_bytes(content)
    assert files.read_file(path, len(content)) == content


@pytest.mark.parametrize(("make", "kind"), [
    (lambda p: os.mkfifo(p), "a pipe (FIFO), not a file"),
    (lambda p: p.mkdir(), "a folder, not a file"),
    (lambda p: p.symlink_to("/dev/zero"), "a device, not a file"),
])
def test_read_file_refuses_anything_but_a_regular_file_without_reading_it(tmp_path, make, kind):
    path = tmp_path / "f"
    make(path)
    before = open_descriptors()
    with pytest.raises(files.NotRegularFile) as refused:
        files.read_file(path, 100)
    assert refused.value.strerror == kind and refused.value.filename == str(path)
    assert open_descriptors() == before


def test_read_file_passes_on_what_stops_it_opening_and_closes_what_it_opened(tmp_path):
    with pytest.raises(FileNotFoundError):
        files.read_file(tmp_path / "missing", 100)
    path = tmp_path / "f"
    path.write_bytes(b"abc")
    before = open_descriptors()
    files.read_file(path, 100)
    assert open_descriptors() == before


def test_the_temporary_file_is_hidden_beside_the_target_under_the_name_the_readme_gives(tmp_path, monkeypatch):
    seen: list[list[str]] = []
    real_fsync = os.fsync

    def look(fd: int) -> None:
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", look)
    files.write_atomic(tmp_path / "out.md", b"x", force=False)
    [name] = seen[0]  # while the file is written, only it is there
    assert re.fullmatch(r"\.out\.md\.\w+\.tmp", name), name


def test_a_target_that_cannot_be_checked_for_a_reason_the_system_does_not_name_says_what_went_wrong(tmp_path,
                                                                                                    monkeypatch):
    def fail(path: object) -> None:
        raise OSError("the share went away")  # no errno, so no strerror

    monkeypatch.setattr(os, "lstat", fail)
    with pytest.raises(UsageError, match=r"out\.md: cannot be checked: the share went away$"):
        files.check_target(tmp_path / "out.md", force=False)


def test_every_byte_is_in_the_file_when_it_is_synced(tmp_path, monkeypatch):
    sizes: list[int] = []
    real_fsync = os.fsync

    def look(fd: int) -> None:
        sizes.append(os.fstat(fd).st_size)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", look)
    files.write_atomic(tmp_path / "out.md", b"agreement" * 10, force=False)  # less than a write buffer holds
    assert sizes[0] == 90  # the file's own sync (the folder's comes after)


@pytest.mark.parametrize("failure", [OSError(errno.EIO, "Input/output error"), KeyboardInterrupt()])
def test_a_failure_after_the_temporary_file_is_gone_is_reported_as_itself(tmp_path, monkeypatch, failure):
    def publish_then_fail(temp: Path, path: Path, **kwargs: object) -> None:
        temp.unlink()  # the file has gone (renamed, say) when the failure comes
        raise failure

    monkeypatch.setattr(files, "_publish", publish_then_fail)
    expected = UsageError if isinstance(failure, OSError) else KeyboardInterrupt
    with pytest.raises(expected):
        files.write_atomic(tmp_path / "out.md", b"x", force=False)
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to count open files")
def test_a_write_leaves_no_file_open(tmp_path):
    before = sorted(os.listdir("/proc/self/fd"))
    for n in range(3):
        files.write_atomic(tmp_path / f"out{n}.md", b"x", force=False)
    assert sorted(os.listdir("/proc/self/fd")) == before


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="signals are held back where the system can")
def test_the_ending_signals_are_held_back_while_the_temporary_file_is_made(tmp_path, monkeypatch):
    masks: list[set[int]] = []
    real_mkstemp = files.tempfile.mkstemp

    def look(*args: object, **kwargs: object) -> tuple[int, str]:
        masks.append(set(signal.pthread_sigmask(signal.SIG_BLOCK, [])))
        return real_mkstemp(*args, **kwargs)  # type: ignore[arg-type]

    real_fsync = os.fsync

    def sync(fd: int) -> None:
        masks.append(set(signal.pthread_sigmask(signal.SIG_BLOCK, [])))
        real_fsync(fd)

    monkeypatch.setattr(files.tempfile, "mkstemp", look)
    monkeypatch.setattr(os, "fsync", sync)
    files.write_atomic(tmp_path / "out.md", b"x", force=False)
    assert {signal.SIGINT, signal.SIGTERM, signal.SIGHUP} <= masks[0]
    assert signal.SIGTERM not in masks[1]  # let through once the guard is up, while the file is written
    assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, [])  # and afterwards


def test_a_write_leaves_the_umask_as_it_was(tmp_path):
    before = os.umask(0o027)
    try:
        files.write_atomic(tmp_path / "out.md", b"x", force=False)
        assert os.umask(0o027) == 0o027
    finally:
        os.umask(before)


def test_an_input_that_is_not_there_does_not_stop_the_others_being_checked(tmp_path):
    source = tmp_path / "agreement.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(UsageError, match="is an input of this run"):
        files.check_target(source, force=True, inputs=[tmp_path / "gone.yaml", source])
