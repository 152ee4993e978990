"""Rewriting one scalar of a YAML text where it stands, so that a one-field change is a one-line diff.

Re-emitting the whole file through a round-trip YAML library takes a third of a second for the complete
sample; a field edited as the person types must be saved and checked in well under a tenth of that. The
caller checks the result by loading it again, so a case this module gets wrong is caught, not written.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

import yaml

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FOLD_WIDTH = 100
# Plain scalars that would not read back as the same text, under YAML 1.1 or 1.2: words that mean true,
# false or nothing, and anything that starts like a number, a date or an indicator.
_NOT_PLAIN_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", ""}
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`0123456789+.")
_UNPRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]")


class Unpatchable(Exception):
    """Raised when the scalar cannot be rewritten in place; the caller rewrites the file another way."""


def replace_scalar(text: str, path: tuple[str | int, ...], value: Any) -> str:
    """``text`` with the scalar at ``path`` replaced by ``value`` (a text, number or true/false)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as e:
        raise Unpatchable(str(e)) from e
    node, indent = _find(root, path, text)
    start, end = node.start_mark.index, node.end_mark.index
    old = text[start:end]
    if not isinstance(node, yaml.ScalarNode) or old[:1] in ("&", "!", "*"):
        raise Unpatchable("not a plain scalar")  # anchors, tags and aliases are left to the general way
    style = node.style or ""
    if style in ("|", ">"):
        if re.match(r"[|>][0-9]*\+", old):
            raise Unpatchable("a block that keeps its trailing blank lines")
        while end > start and text[end - 1] in "\n ":
            end -= 1
    return text[:start] + emit(value, style, indent) + text[end:]


def _find(root: Any, path: tuple[str | int, ...], text: str) -> tuple[Any, int]:
    """The node at ``path``, and the indentation its block text would need."""
    node, indent = root, 0
    for step in path:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step), None)
            if pair is None:
                raise Unpatchable(f"no key {step}")
            indent = pair[0].start_mark.column + 2
            node = pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            # Block text inside an entry goes two columns right of its dash.
            line = text[node.start_mark.index - node.start_mark.column:node.start_mark.index]
            indent = len(line) - len(line.lstrip()) + 2
        else:
            raise Unpatchable(f"no entry {step}")
    return node, indent


def emit(value: Any, style: str, indent: int) -> str:
    """The YAML text of a scalar, in the style it had where that can hold it."""
    if not isinstance(value, str):
        return json.dumps(value)  # true, false and numbers are written alike in JSON and YAML
    blockable = value.strip(" \n") != "" and not value.startswith((" ", "\n")) and not _UNPRINTABLE.search(value)
    if "\n" in value.rstrip("\n") and blockable:
        return _literal(value, indent)
    if style == ">" and blockable and "  " not in value and value == value.strip() \
            and len(value) > FOLD_WIDTH:
        return _folded(value, indent)
    if "\n" in value:
        return _literal(value, indent) if blockable else json.dumps(value, ensure_ascii=False)
    if style not in ("'", '"') and _plain_ok(value):
        return value
    if style != '"' and not _UNPRINTABLE.search(value):
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)  # JSON's escapes are YAML's double-quoted escapes


def _plain_ok(value: str) -> bool:
    return (value.lower() not in _NOT_PLAIN_WORDS and value[0] not in _INDICATORS and value == value.strip()
            and ": " not in value and " #" not in value and not value.endswith(":")
            and not _UNPRINTABLE.search(value))


def _literal(value: str, indent: int) -> str:
    trailing = len(value) - len(value.rstrip("\n"))
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    pad = " " * indent
    lines = value.rstrip("\n").split("\n")
    body = "\n".join(pad + line if line else "" for line in lines)
    return f"|{chomp}\n{body}" + "\n" * max(0, trailing - 1)


def _folded(value: str, indent: int) -> str:
    pad = " " * indent
    lines = textwrap.wrap(value, FOLD_WIDTH, break_long_words=False, break_on_hyphens=False)
    return ">-\n" + "\n".join(pad + line for line in lines)
