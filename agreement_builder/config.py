"""Lint settings from `.agreement.toml` or `pyproject.toml` ([tool.agreement.lint]), found upward from a path."""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError
from .files import read_file
from .findings import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

FAIL_ON = ("error", "warning", "info", "advice", "never")
_KEYS = {"select", "ignore", "fail-on", "packs", "exclude", "max-warnings"}
# The input's own problems: a file that cannot be parsed (AB001), does not fit the schema (AB002) or names ids
# it does not have (AB003) is not an agreement, and passing it would be false; no selection hides them.
ALWAYS_REPORTED = frozenset({"AB001", "AB002", "AB003"})
MAX_SETTINGS_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """What the linter reports and when it fails; the command line overrides each field it sets."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    packs: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # patterns as in .gitignore, relative to the settings file's folder
    max_warnings: int | None = None
    source: str | None = field(default=None, compare=False)

    @property
    def threshold(self) -> Severity | None:
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)

    def wants(self, rule_id: str) -> bool:
        """Whether findings of ``rule_id`` are reported: selected (by id or prefix) and not ignored."""
        if rule_id in ALWAYS_REPORTED:
            return True
        selected = not self.select or any(rule_id.startswith(s) for s in self.select)
        return selected and not any(rule_id.startswith(s) for s in self.ignore)


def discover(start: Path) -> Settings:
    """The settings of the nearest `.agreement.toml`, or `pyproject.toml` with a [tool.agreement.lint] table,
    looking no higher than the repository's root folder (the one holding `.git`) or the home folder."""
    folder = (start if start.is_dir() else start.parent).resolve()
    for directory in (folder, *folder.parents):
        own = directory / ".agreement.toml"
        if own.is_file() and _trusted(own):
            return _read(own, ("lint",))
        project = directory / "pyproject.toml"
        if project.is_file() and _trusted(project):
            table = _load(project).get("tool", {}).get("agreement", {})
            if "lint" in table:
                return _parse(table["lint"], project)
        if (directory / ".git").exists() or directory == _home():
            break
    return Settings()


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (OSError, RuntimeError, KeyError):  # no HOME and no entry in the user database
        return None


def _trusted(path: Path) -> bool:
    """Whether ``path`` may hold this user's settings: not a file someone else left in a folder anyone can write
    to, such as /tmp, where it would change every lint below it."""
    try:
        folder, info = path.parent.stat(), path.stat()
    except OSError:
        return True  # reading it says what is wrong
    mine = info.st_uid == os.geteuid() if hasattr(os, "geteuid") else True  # no owners to compare on Windows
    return not folder.st_mode & stat.S_IWOTH or mine


def _load(path: Path) -> dict[str, Any]:
    try:
        raw = read_file(path, MAX_SETTINGS_BYTES)
    except OSError as e:
        raise UsageError(f"{path}: cannot be read: {e.strerror}") from e
    if len(raw) > MAX_SETTINGS_BYTES:
        raise UsageError(f"{path}: is larger than 1 MB; a settings file is never this big")
    try:
        loaded: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
        return loaded
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise UsageError(f"{path}: is not valid TOML: {e}") from e


def _read(path: Path, table: tuple[str, ...]) -> Settings:
    data: Any = _load(path)
    for key in table:
        data = data.get(key, {})
    return _parse(data, path)


def _parse(table: Any, path: Path) -> Settings:
    if not isinstance(table, dict):
        raise UsageError(f"{path}: the lint settings must be a table")
    unknown = set(table) - _KEYS
    if unknown:
        raise UsageError(f"{path}: unknown lint setting '{sorted(unknown)[0]}' (known: {', '.join(sorted(_KEYS))})")
    fail_on = table.get("fail-on", "error")
    if fail_on not in FAIL_ON:
        raise UsageError(f"{path}: fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    most = table.get("max-warnings")
    if most is not None and (not isinstance(most, int) or isinstance(most, bool) or most < 0):
        raise UsageError(f"{path}: max-warnings must be a whole number, 0 or more, not {most!r}")
    return Settings(
        select=rule_ids(_strings(table, "select", path), f"{path}: select"),
        ignore=rule_ids(_strings(table, "ignore", path), f"{path}: ignore"), fail_on=fail_on,
        packs=_strings(table, "packs", path),
        exclude=_strings(table, "exclude", path, example='["drafts/", "old-*.yaml"]'), max_warnings=most,
        source=str(path),
    )


def _strings(table: dict[str, Any], key: str, path: Path, example: str = '["AB1", "AB203"]') -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        what = "patterns" if key == "exclude" else "pack names" if key == "packs" else "rule ids"
        raise UsageError(f"{path}: {key} must be a list of {what}, for example {example}")
    return tuple(value)


def rule_ids(values: tuple[str, ...], where: str) -> tuple[str, ...]:
    """Rule ids or prefixes as written: comma-separated lists split (`AB1,AB203`), any case, spaces ignored."""
    ids = []
    for value in values:
        for part in value.split(","):
            part = part.strip().upper()
            if not part:
                raise UsageError(f"{where}: give a rule id or prefix, such as AB203 or AB1; {value!r} holds an "
                                 "empty one")
            ids.append(part)
    return tuple(ids)
