"""Writing output files safely: to a temporary file beside the target, then moved into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UsageError


def write_atomic(path: Path, content: bytes, *, force: bool) -> None:
    """Write ``content`` to ``path`` all at once; refuse to replace an existing file unless ``force``."""
    if path.is_dir():
        raise UsageError(f"{path}: is a folder; give a file name")
    if path.exists() and not force:
        raise UsageError(f"{path}: already exists; choose another name, or use --force to replace it")
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"{path}: the folder {folder} does not exist")
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise UsageError(f"{path}: cannot write here: {e.strerror}") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as e:
        Path(temp).unlink(missing_ok=True)
        raise UsageError(f"{path}: cannot write: {e.strerror or e}") from e
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
