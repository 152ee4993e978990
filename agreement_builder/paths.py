"""Which files a command checks: named files, folder searches, exclusions and `.gitignore`, agreement files."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from .errors import UsageError
from .files import read_file

SUFFIXES = (".yaml", ".yml", ".json")
STDIN = "-"
# Folders a search never enters besides hidden ones and virtual environments: other tools' files.
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})
# An agreement file has `agreement` as a top-level key: YAML writes it at the start of a line, JSON as "agreement".
# Read from the text, so that a file with a slip elsewhere in it is still recognised, and its slip reported.
_AGREEMENT_KEY = re.compile(rb"""^(?:\xef\xbb\xbf)?(?:agreement|"agreement"|'agreement')[ \t]*:""", re.M)
_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"\s*:?|[{}\[\]]')
_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class Pattern:
    """One line of a `.gitignore` file or one `exclude` pattern, matched against paths below ``base``."""

    base: Path
    regex: re.Pattern[str]
    negated: bool
    folders_only: bool

    @classmethod
    def parse(cls, line: str, base: Path) -> Pattern | None:
        line = line.rstrip("\n\r")
        if not line.strip() or line.startswith("#"):
            return None
        line = line.rstrip(" ") if not line.endswith("\\ ") else line
        negated = line.startswith("!")
        line = line[1:] if negated else line.removeprefix("\\")
        folders_only = line.endswith("/")
        line = line.rstrip("/")
        anchored = "/" in line  # a pattern with a slash is relative to its base; one without matches any name
        body = _glob_regex(line.lstrip("/"))
        return cls(base, re.compile(("" if anchored else "(?:.*/)?") + body + r"\Z"), negated, folders_only)

    def matches(self, path: Path, is_folder: bool) -> bool:
        if self.folders_only and not is_folder:
            return False
        """``path`` is absolute, as ``base`` is (see `absolute`)."""
        try:
            relative = path.relative_to(self.base).as_posix()
        except ValueError:
            return False
        return relative != "." and bool(self.regex.match(relative))


def _glob_regex(glob: str) -> str:
    out, i = [], 0
    while i < len(glob):
        c = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if glob.startswith("/**", i) and i + 3 == len(glob):
            out.append("/.*")
            i += 3
            continue
        if c == "*":
            out.append(".*" if glob.startswith("**", i) else "[^/]*")
            i += 2 if glob.startswith("**", i) else 1
            continue
        if c == "?":
            out.append("[^/]")
        elif c == "[" and "]" in glob[i + 2:]:
            end = glob.index("]", i + 2)
            inner = glob[i + 1:end]
            out.append("[" + ("^" + inner[1:] if inner[:1] == "!" else inner).replace("\\", "\\\\") + "]")
            i = end
        elif c == "\\" and i + 1 < len(glob):
            i += 1
            out.append(re.escape(glob[i]))
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def ignored(path: Path, patterns: Iterable[Pattern], is_folder: bool) -> bool:
    """Whether the last pattern that matches ``path`` leaves it out (a `!pattern` takes it back)."""
    verdict = False
    for pattern in patterns:
        if pattern.matches(path, is_folder):
            verdict = not pattern.negated
    return verdict


def patterns(lines: Iterable[str], base: Path) -> list[Pattern]:
    """The patterns of a `.gitignore` file or an `exclude` list, relative to ``base``."""
    base = absolute(base)
    return [p for p in (Pattern.parse(line, base) for line in lines) if p is not None]


def absolute(path: Path) -> Path:
    """``path`` from the file system's root, with `..` worked out but symbolic links kept, as git sees them."""
    return Path(os.path.abspath(path))


@dataclass
class Selection:
    """How files are chosen, and what was left out (for `--show-settings`)."""

    exclude: list[Pattern] = field(default_factory=list)
    only_agreements: bool = False  # filter named files too, as pre-commit names every changed file
    skipped: list[tuple[str, str]] = field(default_factory=list)


def expand(paths: Iterable[str], selection: Selection | None = None) -> list[str]:
    """Files to check: each named file, the agreement files in each folder; a missing path is an error.

    A folder search leaves out hidden files and folders, virtual environments, `node_modules`, what
    `.gitignore` files ignore, what ``selection.exclude`` matches, and files without a top-level `agreement`
    key. A named file is checked whatever it holds, unless ``selection.only_agreements`` asks otherwise.
    """
    selection = selection or Selection()
    found: list[str] = []
    for name in paths:
        path = Path(name)
        if name == STDIN:
            found.append(name)
        elif path.is_dir():
            inside = list(_search(path, selection))
            if not inside and not selection.only_agreements:
                raise UsageError(f"{name}: the folder holds no agreement files (.yaml, .yml or .json files with a "
                                 "top-level `agreement:` key)")
            found.extend(inside)
        elif not path.exists():
            raise UsageError(f"{name}: no such file or folder")
        elif not selection.only_agreements or _keep_named(path, selection):
            found.append(name)
    return found


def _keep_named(path: Path, selection: Selection) -> bool:
    return _keep(path, selection, _ignores_above(path.parent) + _read_ignore(absolute(path.parent)), named=True)


def is_agreement(path: Path) -> bool:
    """Whether a file holds a top-level `agreement` key, read from its text."""
    try:
        head = read_file(path, _SNIFF_BYTES)[:_SNIFF_BYTES]
    except OSError:
        return True  # the command itself then says why it cannot be read (or reads a FIFO it was given)
    if path.suffix.lower() == ".json":
        return _json_top_level_agreement(_utf8(head))
    return bool(_AGREEMENT_KEY.search(_utf8(head)))


def _json_top_level_agreement(text: bytes) -> bool:
    """Whether a JSON text has the key "agreement" in its outermost object (a schema that describes an
    `agreement` property, deeper down, is not an agreement)."""
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        found = token.group()
        if found in (b"{", b"["):
            depth += 1
        elif found in (b"}", b"]"):
            depth -= 1
        elif depth == 1 and found.endswith(b":") and found.rstrip(b": \t\r\n") == b'"agreement"':
            return True
    return False


def _utf8(head: bytes) -> bytes:
    """The bytes as UTF-8: most files already are, and are searched as they are, undecoded."""
    for bom, encoding in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                          (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, errors="replace").encode("utf-8")
    if len(head) >= 2 and (head[0] == 0 or head[1] == 0):  # UTF-16 without a byte order mark
        return head.decode("utf-16-be" if head[0] == 0 else "utf-16-le", errors="replace").encode("utf-8")
    return head


def _search(root: Path, selection: Selection) -> Iterator[str]:
    rules_of = {root: _ignores_above(root) + _read_ignore(absolute(root))}
    for folder, dirs, files in os.walk(root, onerror=_unreadable):
        here = Path(folder)
        rules = rules_of.pop(here)
        kept = []
        for name in sorted(dirs):
            child = here / name
            why = _why_not_enter(child, rules, selection)
            if why:
                selection.skipped.append((str(child), why))
            else:
                kept.append(name)
                rules_of[child] = rules + _read_ignore(absolute(child))
        dirs[:] = kept
        for name in sorted(files):
            path = here / name
            # Regular files only (links to them too): a FIFO would stop the search, a link to nothing fail it.
            if path.suffix.lower() in SUFFIXES and path.is_file() and _keep(path, selection, rules):
                yield str(path)


def _unreadable(error: OSError) -> NoReturn:
    """A folder the search cannot list stops the run, rather than leave the agreements in it unchecked."""
    raise UsageError(f"{error.filename}: the folder cannot be read ({error.strerror or error}), so the agreements "
                     "in it cannot be checked; leave it out with --exclude, or make it readable")


def _why_not_enter(folder: Path, rules: list[Pattern], selection: Selection) -> str:
    if folder.name.startswith("."):
        return "a hidden folder"
    if folder.name in SKIPPED_FOLDERS or _holds(folder / "pyvenv.cfg", Path.is_file) or _holds(
            folder / "conda-meta", Path.is_dir):
        return "another tool's files"
    if ignored(absolute(folder), rules, True):
        return "ignored by .gitignore"
    if ignored(absolute(folder), selection.exclude, True):
        return "excluded"
    return ""


def _holds(path: Path, test: Callable[[Path], bool]) -> bool:
    """``test(path)``; False when the folder above cannot be searched (entering it then reports that)."""
    try:
        return test(path)
    except OSError:
        return False


def _keep(path: Path, selection: Selection, rules: list[Pattern], *, named: bool = False) -> bool:
    full = absolute(path)
    # A named file may sit in a folder a pattern leaves out (`drafts/`), which a search would not have entered.
    folders = full.parents if named else ()
    why = ("a hidden file" if path.name.startswith(".")
           else "ignored by .gitignore" if ignored(full, rules, False) or any(ignored(f, rules, True) for f in folders)
           else "excluded" if ignored(full, selection.exclude, False)
           or any(ignored(f, selection.exclude, True) for f in folders)
           else "" if is_agreement(path) else "no top-level `agreement:` key")
    if why:
        selection.skipped.append((str(path), why))
    return not why


def _read_ignore(folder: Path) -> list[Pattern]:
    try:
        text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return patterns(text.splitlines(), folder)


def _ignores_above(folder: Path) -> list[Pattern]:
    """The `.gitignore` patterns of the folders above ``folder`` up to its repository's top (none outside one)."""
    folder = absolute(folder)
    above: list[Path] = []
    for parent in folder.parents:
        above.append(parent)
        if (parent / ".git").exists():
            break
    else:
        return []
    if (folder / ".git").exists():
        return []
    return [p for parent in reversed(above) for p in _read_ignore(parent)]
