"""The page: the form's field tree drawn as HTML with the shipped templates, whole or one part at a time."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from jinja2 import __version__ as jinja2_version
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from .. import __version__
from ..findings import Finding
from ..writers import pdf as pdf_writer
from .form import Field, FormBuilder
from .schema_walk import Node
from .store import State


class _Cache(FileSystemBytecodeCache):
    """Compiled templates kept between runs; a cache that cannot be written is simply not used."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> _Cache | None:
    """The per-user cache of the page templates' compiled code, beside the clause templates' (compiling them
    takes a fifth of a second, most of the first page's time); `AGREEMENT_BUILDER_NO_CACHE=1` turns it off."""
    if os.environ.get("AGREEMENT_BUILDER_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = hashlib.sha256(__version__.encode() + jinja2_version.encode()).hexdigest()[:16]
    folder = Path(base) / "agreement-builder" / f"serve-{tag}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return _Cache(str(folder))


@cache
def _help(text: str) -> Markup:
    """Help text from the schema: `code` in backticks shown as code, the rest escaped."""
    parts = re.split(r"`([^`]+)`", text)
    return Markup("").join(Markup("<code>{}</code>").format(p) if i % 2 else escape(p) for i, p in enumerate(parts))


class Page:
    """Draws the form for a schema."""

    def __init__(self, schema: Node) -> None:
        self.schema = schema
        self.env = Environment(loader=PackageLoader("agreement_builder.serve", "templates"), autoescape=True,
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                               auto_reload=False, bytecode_cache=_bytecode_cache())
        self.env.filters["help"] = _help

    def fields(self, state: State, chosen: dict[str, int] | None = None) -> list[Field]:
        ids = state.ids if state.data is not None else {}
        return FormBuilder(self.schema, ids, chosen).sections(state.data)

    def render(self, state: State, path: Path, token: str) -> str:
        sections = self.fields(state) if state.data is not None else []
        title = ""
        if isinstance(state.data, dict) and isinstance(state.data.get("agreement"), dict):
            title = str(state.data["agreement"].get("title") or "")
        initial = json.dumps(state_json(state), ensure_ascii=False)
        return self.env.get_template("page.html.j2").render(
            sections=sections, file=path.name, title=title, token=token, version=__version__,
            pdf=pdf_writer.soffice() is not None, state=state, initial=Markup(initial.replace("<", "\\u003c")))

    def fragment(self, state: State, path: tuple[str | int, ...], chosen: dict[str, int] | None = None
                 ) -> dict[str, str]:
        """The HTML of the field at ``path``, to replace the one on the page."""
        found = _find(self.fields(state, chosen), path)
        if found is None:
            return {"path": "", "html": ""}
        macros: Any = self.env.get_template("fields.html.j2").module
        return {"path": found.pointer, "html": str(macros.field(found, top=len(path) == 1))}

    def message(self, heading: str, text: str) -> bytes:
        return self.env.get_template("message.html.j2").render(heading=heading, text=text).encode("utf-8")


def _find(fields: list[Field], path: tuple[str | int, ...]) -> Field | None:
    for f in fields:
        if f.path == path:
            return f
        if f.path == path[:len(f.path)]:
            return _find(f.children, path)
    return None



def finding_json(f: Finding) -> dict[str, Any]:
    return {"path": f.path, "line": f.line, "column": f.column, "rule": f.rule, "severity": str(f.severity),
            "message": f.message, "waived": f.waived}


def state_json(state: State) -> dict[str, Any]:
    """What the page's script knows of the file: its revision, findings, ids, and any problem reading it."""
    return {"revision": state.revision, "findings": [finding_json(f) for f in state.findings], "ids": state.ids,
            "problem": state.problem}
