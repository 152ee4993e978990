"""The page: the form's field tree drawn as HTML with the shipped templates, whole or one part at a time."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import __version__, template_cache
from ..findings import Finding
from ..writers import pdf as pdf_writer
from .form import Field, FormBuilder
from .schema_walk import Node
from .store import State


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
                               auto_reload=False, bytecode_cache=template_cache.cache("serve", Path(__file__)))
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
