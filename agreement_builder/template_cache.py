"""The per-user cache of the shipped clause templates' compiled code, in a folder only this user can write.

Compiling the shipped templates is about a third of a cold build's CPU time (`bench/cache.py`), so their
compiled code is kept between runs. Loading compiled code runs it, so an entry is trusted only as far as the
folder it is in: the folder must belong to this user and let no one else write to it (it is then made 0700),
no part of the path below the cache base may be a link, and an entry must be a regular file of this user's
that no one else may write to. Anything else, and
any entry that does not load, is a miss: the template is compiled again and the entry rewritten. Entries are
not pickles (Jinja's own format starts with one, which runs code as it loads).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import secrets
import stat
import sys
import weakref
from pathlib import Path
from types import CodeType

import jinja2
import jinja2.bccache

DISABLE = "AGREEMENT_BUILDER_NO_CACHE"
MAX_ENTRY_BYTES = 4 * 1024 * 1024
_FLAGS = os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
# What the cache needs from the system: opening names relative to a folder, and refusing links.
SUPPORTED = (os.open in os.supports_dir_fd and os.rename in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW")
             and hasattr(os, "O_DIRECTORY") and hasattr(os, "geteuid"))


def _magic() -> bytes:
    """The first line of every entry: the format, and what the compiled code depends on."""
    python = f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}"
    return f"agreement-builder compiled clause template 1 {python} jinja2-{jinja2.__version__}\n".encode()


class Cache(jinja2.BytecodeCache):
    """Entries in one checked folder, reached through its open descriptor, so that once checked the folder
    cannot be swapped for another under the same name."""

    def __init__(self, folder: int) -> None:
        self.folder = folder
        weakref.finalize(self, os.close, folder)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._read(f"{bucket.key}.cache")
        code = decode(data, bucket.checksum) if data is not None else None
        if code is not None:
            bucket.code = code

    def _read(self, name: str) -> bytes | None:
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | _FLAGS, dir_fd=self.folder)
        except OSError:
            return None
        info = os.fstat(fd)
        if (not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or stat.S_IMODE(info.st_mode) & 0o022
                or info.st_size > MAX_ENTRY_BYTES):
            os.close(fd)
            return None
        with os.fdopen(fd, "rb") as f:
            try:
                return f.read(MAX_ENTRY_BYTES + 1)
            except OSError:
                return None

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is None:
            return
        name = f"{bucket.key}.cache"
        temp = f".{name}.{secrets.token_hex(8)}.tmp"
        with contextlib.suppress(OSError):  # a cache that cannot be written is simply not used
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _FLAGS, 0o600, dir_fd=self.folder)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(encode(bucket.code, bucket.checksum))
                os.rename(temp, name, src_dir_fd=self.folder, dst_dir_fd=self.folder)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temp, dir_fd=self.folder)
                raise


def encode(code: CodeType, checksum: str) -> bytes:
    return _magic() + checksum.encode("ascii") + b"\n" + marshal.dumps(code)


def decode(data: bytes, checksum: str) -> CodeType | None:
    """The code in an entry written by `encode` for a template with ``checksum``; None for anything else."""
    head = _magic() + checksum.encode("ascii") + b"\n"
    if not data.startswith(head):
        return None
    try:
        code = marshal.loads(data[len(head):])
    except (ValueError, EOFError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def cache(name: str = "clauses", environment: Path | None = None) -> Cache | None:
    """The cache ``name`` (the clause templates', or the form page's of `agreement serve`) for this user and
    this version of the module that sets up those templates' environment (``environment``, by default
    clauses.py), or None when it is turned off (AGREEMENT_BUILDER_NO_CACHE), the system cannot check it, or its
    folder cannot be trusted or made."""
    if os.environ.get(DISABLE) or not SUPPORTED:
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG specification: a relative path is invalid and is ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # no home folder to be found
        return None
    source = environment or Path(__file__).with_name("clauses.py")
    tag = hashlib.sha256(source.read_bytes() + Path(__file__).read_bytes()
                         + jinja2.__version__.encode()).hexdigest()[:16]
    try:
        folder = private_folder(Path(base), ("agreement-builder", f"{name}-{tag}"))
    except OSError:
        return None
    return Cache(folder) if folder is not None else None


def private_folder(base: Path, names: tuple[str, ...]) -> int | None:
    """An open descriptor of ``base``/``names``..., made where missing; None unless each of ``names`` is a real
    folder (not a link) that belongs to this user and that no one else may write to; each is then made private
    (mode 0700) if it is not already. ``base`` itself (such as ~/.cache) may be a link, as the user chose."""
    base.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for name in names:
            with contextlib.suppress(FileExistsError):
                os.mkdir(name, 0o700, dir_fd=fd)
            child = os.open(name, os.O_RDONLY | os.O_DIRECTORY | _FLAGS, dir_fd=fd)
            os.close(fd)
            fd = child
            info = os.fstat(fd)
            if info.st_uid != os.geteuid() or stat.S_IMODE(info.st_mode) & 0o022:
                os.close(fd)  # someone else could have written here
                return None
            if stat.S_IMODE(info.st_mode) != 0o700:
                os.fchmod(fd, 0o700)  # only others' reading to take away, as an earlier version left it
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        raise
    return fd
