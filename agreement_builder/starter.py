"""What `agreement init` writes: the starter file set to a regime, or one of the shipped sample agreements."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from .errors import UsageError
from .schema import schema

# The kinds of instrument an agreement can be; the schema's own list wins once it has one.
KINDS = ("agreement", "memorandum", "integration_scheme")
_SAMPLES = "agreement_builder.samples"


def choices(key: str) -> tuple[str, ...]:
    """The values the schema allows for ``agreement.KEY`` (for `kind`, the known kinds until the schema has it)."""
    found = _agreement_keys().get(key, {}).get("enum")
    return tuple(str(v) for v in found) if found else KINDS if key == "kind" else ()


def _agreement_keys() -> dict[str, dict[str, Any]]:
    keys: dict[str, dict[str, Any]] = schema()["properties"]["agreement"]["properties"]
    return keys


def starter(jurisdiction: str | None = None, arrangement: str | None = None, kind: str | None = None) -> str:
    """The starter file, with `agreement.jurisdiction`, `arrangement_type` and `kind` set where asked.

    `kind` is written only when the schema has that key: a starter must pass the schema it is checked by."""
    text = resources.files("agreement_builder.templates").joinpath("starter.yaml").read_text(encoding="utf-8")
    settings = {"jurisdiction": jurisdiction, "arrangement_type": arrangement}
    if "kind" in _agreement_keys():
        settings["kind"] = kind
    for key, value in settings.items():
        if value is not None:
            text = _set(text, key, value)
    return text


def _set(text: str, key: str, value: str) -> str:
    """``text`` with ``agreement.KEY`` set to ``value``: its line's value replaced (its comment kept in its column),
    or a line added before `jurisdiction` when the starter has none."""
    block = re.search(r"^agreement:[^\n]*\n(?:(?:[ #][^\n]*)?\n)*", text, re.M)
    if block is None:
        raise UsageError("the starter file has no `agreement:` section to set")
    body = block.group()
    line = re.search(rf"^(  {key}:[ ]*)(\S+)([ ]*)(#[^\n]*)?$", body, re.M)
    if line is not None:
        lead, old, gap, comment = line.groups()
        spaces = " " * max(1, len(old) + len(gap) - len(value)) if comment else ""
        new_body = body[:line.start()] + f"{lead}{value}{spaces}{comment or ''}" + body[line.end():]
    else:
        at = body.find("\n  jurisdiction:") + 1 or len(body)
        new_body = body[:at] + f"  {key}: {value}\n" + body[at:]
    return text[:block.start()] + new_body + text[block.end():]


def samples() -> dict[str, str]:
    """The shipped sample agreements by name (their file name without its suffix), with their file names."""
    folder = resources.files(_SAMPLES)
    return {entry.name.rsplit(".", 1)[0]: entry.name for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith((".yaml", ".json"))}


def sample(name: str) -> bytes:
    """The bytes of the sample called ``name``."""
    names = samples()
    if name not in names:
        raise UsageError(f"no sample '{name}'; the samples are: {', '.join(names)}")
    return resources.files(_SAMPLES).joinpath(names[name]).read_bytes()
