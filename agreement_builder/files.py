"""Files, safely: reading only regular files and no more than a bound, and writing output never over an input of
the same run, never through a link or into a device, all at once, and never half-written."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import FrameType

from .errors import UsageError

# Signals that end a process by default and that a build may receive while it writes: a CI timeout or `kill`
# (SIGTERM), a closed terminal (SIGHUP). SIGINT already arrives as KeyboardInterrupt.
_ENDING = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)
# What link() says on a file system that has no hard links (FAT, some network shares).
_NO_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS})


class NotRegularFile(OSError):
    """Raised by `read_file` for a path that is a folder, a FIFO, a device or a socket."""


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, read no further than ``limit`` + 1, so that the caller can tell
    a file larger than ``limit`` without holding it. A FIFO is not waited on and a device is not read: anything
    but a regular file raises `NotRegularFile`; a file that cannot be opened or read raises its OSError."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, f"{_kind(mode)}, not a file", str(path))
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def check_target(path: Path, *, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Refuse an output path the tool must not write.

    Never: one of this run's ``inputs`` (the same file, however it is named: compared by device and inode,
    links followed), a folder, or anything but a file (a device, a FIFO or a socket, or a link to one). Without
    ``force``: anything at all already there, a link included, even one that leads nowhere. With ``force``, a
    link is itself replaced; the file it leads to is left alone.
    """
    try:
        entry = os.lstat(path)
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise UsageError(f"{path}: the folder {path.parent} does not exist") from None
        return
    except OSError as e:
        raise UsageError(f"{path}: cannot be checked: {e.strerror or e}") from e
    linked = stat.S_ISLNK(entry.st_mode)
    try:
        target: os.stat_result | None = os.stat(path) if linked else entry
    except OSError:
        target = None  # a link that leads nowhere
    if target is not None:
        _refuse_inputs(path, target, inputs)
        if stat.S_ISDIR(target.st_mode):
            raise UsageError(f"{path}: is a folder; give a file name")
        if not stat.S_ISREG(target.st_mode):
            what = f"a link to {_kind(target.st_mode)}" if linked else _kind(target.st_mode)
            raise UsageError(f"{path}: is {what}, not a file; give the name of a file to write")
    if not force:
        what = ("a file" if not linked else "a link to another file" if target is not None
                else "a link that leads nowhere")
        raise UsageError(f"{path}: already exists ({what}); choose another name, or use --force to replace it")


def _refuse_inputs(path: Path, target: os.stat_result, inputs: Iterable[Path]) -> None:
    for name in inputs:
        try:
            source = os.stat(name)
        except OSError:
            continue  # an input that is not there cannot be replaced
        if (source.st_dev, source.st_ino) == (target.st_dev, target.st_ino):
            same = "" if Path(name) == path else f" ({name})"
            raise UsageError(f"{path}: is an input of this run{same}; writing there would replace it; choose "
                             "another name")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def write_atomic(path: Path, content: bytes, *, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Write ``content`` to ``path`` all at once, or not at all.

    The bytes go to a temporary file beside ``path``, reach the disk, and are then published under the name:
    without ``force`` by a hard link, which fails if anything took the name meanwhile (so of two runs writing
    one new name, one wins and the other is told), with ``force`` by a rename over what is there. The file
    gets the permissions the umask allows, as any new file would. ``check_target`` says what is refused.
    If the write fails or the process is interrupted or told to stop (SIGINT, SIGTERM, SIGHUP), the
    temporary file is removed.
    """
    inputs = list(inputs)
    check_target(path, force=force, inputs=inputs)
    with _removed_on_signals(), _held_back((signal.SIGINT, *_ENDING)) as release:
        try:
            fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        except OSError as e:
            raise UsageError(f"{path}: cannot write here: {e.strerror or e}") from e
        temp = Path(name)
        try:
            release()  # a signal held back while the file was made arrives now, where the clean-up catches it
            with os.fdopen(fd, "wb") as f:
                f.write(content)
                f.flush()
                os.fchmod(f.fileno(), 0o666 & ~_umask())
                os.fsync(f.fileno())
            _publish(temp, path, force=force, inputs=inputs)
        except OSError as e:
            temp.unlink(missing_ok=True)
            raise UsageError(f"{path}: cannot write: {e.strerror or e}") from e
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    _sync_folder(path.parent)


def _publish(temp: Path, path: Path, *, force: bool, inputs: list[Path]) -> None:
    """Give the written file its name; ``temp`` is gone afterwards."""
    check_target(path, force=force, inputs=inputs)  # again: the build took a while, and the path may have changed
    if force:
        os.replace(temp, path)
        return
    try:
        os.link(temp, path)
    except FileExistsError:
        raise UsageError(f"{path}: already exists (written by something else while this ran); choose another "
                         "name, or use --force to replace it") from None
    except OSError as e:
        if e.errno not in _NO_LINKS:
            raise
        _claim(path)
        os.replace(temp, path)
        return
    temp.unlink()


def _claim(path: Path) -> None:
    """Take ``path`` for this run where hard links cannot: creating it fails if anything is there already."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise UsageError(f"{path}: already exists (written by something else while this ran); choose another "
                         "name, or use --force to replace it") from None


def _sync_folder(folder: Path) -> None:
    """Make the new name itself durable; some systems cannot sync a folder, and the file is written anyway."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _Stopped(BaseException):
    """Raised inside a write when the process is told to stop, so the temporary file is removed first."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise _Stopped(signum)


@contextlib.contextmanager
def _held_back(signals: tuple[int, ...]) -> Iterator[Callable[[], None]]:
    """Hold ``signals`` back until the ``release`` this yields is called (or the block ends), where the system
    can (POSIX): between making the temporary file and starting to guard it, a signal must not end the
    process."""
    held = hasattr(signal, "pthread_sigmask") and bool(signals)
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals) if held else set()
    released = not held

    def release() -> None:
        nonlocal released
        if not released:
            released = True
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)

    try:
        yield release
    finally:
        release()


@contextlib.contextmanager
def _removed_on_signals() -> Iterator[None]:
    """While a temporary file is written: a signal that would end the process raises `_Stopped` instead, so
    that the file is removed first; the process then ends by that signal as it would have (so a shell or CI
    runner sees the usual status). Signals someone chose to ignore (`nohup`) or handle stay as they were, and
    only the main thread can handle signals at all."""
    caught: list[int] = []
    if threading.current_thread() is threading.main_thread():
        caught = [s for s in _ENDING if signal.getsignal(s) is signal.SIG_DFL]
    for signum in caught:
        signal.signal(signum, _raise_stopped)
    try:
        yield
    except _Stopped as stopped:
        for signum in caught:
            signal.signal(signum, signal.SIG_DFL)
        caught = []
        os.kill(os.getpid(), stopped.signum)
        raise  # only if the signal did not end the process
    finally:
        for signum in caught:
            signal.signal(signum, signal.SIG_DFL)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
