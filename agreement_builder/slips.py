"""Finding the slip behind a YAML syntax error, where the person made it, and saying what to write instead.

The YAML parser notices a slip where it can no longer go on, often lines later ("did not find expected key"),
and says so in its own terms. When it stops, this module reads the text the way a person wrote it, line by
line, and looks for the slips people make: a quote never closed, quotes inside quotes, a key without its
colon, a line indented out of step with its neighbours, a list dash out of line, a space pasted from a word
processor. Each message leads with the fix, in plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters that look like a space but are not one to YAML; word processors and web pages paste them.
_LOOKALIKE_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_SPACE_NAMES = {"\u00a0": "a non-breaking space", "\u202f": "a narrow non-breaking space"}
_LEADING = re.compile(f"^[ \\t{_LOOKALIKE_SPACES}]*")
_KEY = re.compile(r"""^(?:"[^"]*"|'[^']*'|[^\s#'"\-?:,\[\]{}][^#]*?|-[^\s#][^#]*?)[ \t]*:(?:[ \t]|$)""")
_BARE_KEY = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]+(\S.*)$")
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")
_PASTED_AFTER_COLON = re.compile(f"^[ ]*(?:- )?(?:[A-Za-z_][\\w.-]*|\"[^\"]*\"|'[^']*'):[{_LOOKALIKE_SPACES}]")


@dataclass(frozen=True)
class Slip:
    """What the person got wrong, and where (1-based line and column)."""

    message: str
    line: int
    column: int


def pasted_space(text: str) -> Slip | None:
    """The first look-alike space at the start of a line or after a key's colon, where YAML needs a real space."""
    for number, line in enumerate(text.splitlines(), start=1):
        lead = _LEADING.match(line)
        spot = next((i for i, c in enumerate(lead.group() if lead else "") if c in _LOOKALIKE_SPACES), None)
        where = "at the start of this line"
        if spot is None:
            after_key = _PASTED_AFTER_COLON.match(line)
            if after_key is None:
                continue
            spot, where = after_key.end() - 1, "after the colon"
        name = _SPACE_NAMES.get(line[spot], f"the space-like character U+{ord(line[spot]):04X}")
        return Slip(f"retype the space {where} with the space bar: it is {name} (often pasted from Word or a web "
                    "page), which YAML does not count as a space", number, spot + 1)
    return None


def explain(text: str, line: int) -> Slip | None:
    """The slip that most likely made the parser stop at ``line`` (1-based), if one is found at or before that
    line: whatever the parser's complaint, it is the slip the user has to mend."""
    slip = pasted_space(text) or _Reader(text.splitlines()).first_slip()
    return slip if slip is not None and slip.line <= line else None


def has_lookalike_space(text: str) -> bool:
    """Whether ``text`` holds any look-alike space at all (a quick test before looking at every key)."""
    return any(c in text for c in _LOOKALIKE_SPACES)


def pasted_key(key: str, line: int, column: int) -> Slip | None:
    """A key that begins with a look-alike space: the file parsed, but a pasted space in the indentation made
    the rest of the line a key of its own (`\u00a0   sector`) at the wrong level."""
    if not key or key[0] not in _LOOKALIKE_SPACES:
        return None
    name = _SPACE_NAMES.get(key[0], f"the space-like character U+{ord(key[0]):04X}")
    return Slip(f"retype the space at the start of this line with the space bar: it is {name} (often pasted from "
                "Word or a web page), which YAML does not count as a space", line, column)


@dataclass
class _Level:
    indent: int
    is_list: bool
    line: int  # where its first entry is, for "line it up with ..."
    first: str  # that entry's key, or "-"


class _Reader:
    """Reads block YAML a line at a time, keeping the indentation of the mappings and lists open so far."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.levels: list[_Level] = []
        self.opens = False  # the line before ended with a key and no value: a deeper block may follow
        self.text_from: int | None = None  # column of the key whose plain text may go on, on deeper lines
        self.block_from: int | None = None  # indentation of the line that began a | or > block of text

    def first_slip(self) -> Slip | None:
        number = 0
        while number < len(self.lines):
            raw = self.lines[number]
            number += 1
            stripped = raw.strip()
            if not stripped or stripped.startswith("#") or stripped in ("---", "..."):
                continue
            indent = len(raw) - len(raw.lstrip(" "))
            content = raw[indent:]
            is_item = content == "-" or content.startswith("- ")
            if self.block_from is not None and indent > self.block_from:
                continue
            self.block_from = None
            if self.text_from is not None and indent > self.text_from:
                if not (is_item or _KEY.match(content)):
                    continue  # more of the text the key above began
                return self._too_deep(indent, number, self.levels[-1], is_item)
            self.text_from = None
            if content.startswith(("? ", ": ", "{", "[", "&", "!", "*")):
                return None  # complex keys, flow style, anchors, tags: beyond what people write by hand here
            slip = self._structure(raw, indent, number, is_item)
            if slip is None:
                slip, skip = self._value(raw, indent, number)
                number += skip
            if slip is not None:
                return slip
        return None

    def _structure(self, raw: str, indent: int, number: int, is_item: bool) -> Slip | None:
        content = raw[indent:]
        popped: list[_Level] = []
        while self.levels and self.levels[-1].indent > indent:
            popped.append(self.levels.pop())
        # A list may start level with the key that holds it (`key:` then `- item`); a key level with both ends it.
        if (not is_item and len(self.levels) > 1 and self.levels[-1].is_list
                and self.levels[-2].indent == self.levels[-1].indent == indent):
            self.levels.pop()
        top = self.levels[-1] if self.levels else None
        if top is None and not is_item and not _KEY.match(content):
            return None  # not a block of keys or items at all: nothing to line up against
        if popped and (top is None or top.indent < indent):
            # Name the nearest level of the same kind: a dash belongs with dashes, a key with keys.
            near = [level for level in (*popped, *([top] if top else [])) if level.is_list == is_item] or popped
            nearest = min(near, key=lambda level: abs(level.indent - indent))
            return self._out_of_step(indent, number, nearest, is_item)
        if top is None or indent > top.indent or (self.opens and is_item and indent == top.indent):
            if top is not None and not self.opens:
                return self._too_deep(indent, number, top, is_item)
            self.levels.append(_Level(indent, is_item, number, "-" if is_item else _key_of(content)))
        elif top.is_list != is_item:
            if is_item:
                return Slip("remove this dash, or line it up with the list it belongs to: the lines above at this "
                            f"indentation (from line {top.line}) are keys, not list items", number, indent + 1)
            return Slip(f"indent this line two more spaces to keep it in the list item above, or start a new item "
                        f"with `- `: it is level with the list's dashes (line {top.line})", number, indent + 1)
        body = content[1:].lstrip() if is_item else content
        if is_item and body:
            self.levels.append(_Level(len(raw) - len(body), False, number, _key_of(body)))
        if body and not is_item and not _KEY.match(body):
            return self._no_colon(body, indent, number)
        self.opens = (is_item and not body) or (bool(_KEY.match(body)) and _rest_of(body) == "")
        if body and not self.opens and _KEY.match(body):
            self.text_from = len(raw) - len(body)
        return None

    def _too_deep(self, indent: int, number: int, top: _Level, is_item: bool) -> Slip:
        what, extra = ("dash" if is_item else "key"), indent - top.indent
        return Slip(f"line this {what} up with {_called(top)} on line {top.line} (column {top.indent + 1}): it is "
                    f"indented {extra} space{'s' if extra != 1 else ''} more, so YAML cannot tell what it belongs to",
                    number, indent + 1)

    def _out_of_step(self, indent: int, number: int, nearest: _Level, is_item: bool) -> Slip:
        what = "dash" if is_item else "key"
        return Slip(f"line this {what} up with {_called(nearest)} on line {nearest.line} (column {nearest.indent + 1}),"
                    " or with a key further left: its indentation matches none of the lines above it",
                    number, indent + 1)

    def _no_colon(self, body: str, indent: int, number: int) -> Slip:
        bare = _BARE_KEY.match(body)
        if bare:
            key, value = bare.groups()
            return Slip(f"add a colon after `{key}`: write `{key}: {value}`; every key needs a colon and a space "
                        "before its value", number, indent + len(key) + 1)
        return Slip("write this line as `key: value`, or indent it under the key it belongs to: it has no colon, so "
                    "it is neither a key nor a list item", number, indent + 1)

    def _value(self, raw: str, indent: int, number: int) -> tuple[Slip | None, int]:
        """Quote slips in the value of a line, and how many of the following lines the value takes up."""
        content = raw[indent:]
        if content.startswith("- "):
            content = content[2:].lstrip()
        key = _KEY.match(content)
        rest = _rest_of(content) if key else content
        start = len(raw) - len(raw[len(raw) - len(content):][key.end():].lstrip()) if key else len(raw) - len(content)
        if _BLOCK_SCALAR.match(rest):
            self.block_from, self.text_from = indent, None
            return None, 0
        if not rest.startswith(("'", '"')):
            return None, 0
        self.text_from = None
        quote = rest[0]
        end = _closing(raw, start + 1, quote)
        if end is not None:
            after = raw[end + 1:].strip()
            return (_inner_quote(quote, end, number) if after and not after.startswith("#") else None), 0
        # Not closed on its own line: legal if it closes at the end of a later line, before anything else.
        for offset, later in enumerate(self.lines[number:], start=1):
            end = _closing(later, 0, quote)
            if end is not None:
                after = later[end + 1:].strip()
                if after and not after.startswith("#"):
                    break
                return None, offset
            if _KEY.match(later.strip()):
                break  # a line that reads as a key: the text should have ended before it
        return Slip(f"add the closing {quote} at the end of this text, or remove the opening one: the {quote} here "
                    "opens a quoted text that is never closed, so everything after it is read as part of it",
                    number, start + 1), 0


def _closing(line: str, start: int, quote: str) -> int | None:
    """The index of the quote that closes a quoted text begun before ``start``: `''` is an apostrophe in single
    quotes and `\\"` a quote in double quotes."""
    i = start
    while i < len(line):
        c = line[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and line[i + 1:i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def _inner_quote(quote: str, end: int, number: int) -> Slip:
    if quote == "'":
        return Slip("write this apostrophe twice ('') or put the whole text in double quotes: a single ' inside "
                    "text in single quotes ends the text there", number, end + 1)
    return Slip("put the whole text in single quotes, or write each \" inside it as \\\": a \" inside text in "
                "double quotes ends the text there", number, end + 1)


def _called(level: _Level) -> str:
    return "the dash" if level.is_list else f"`{level.first}`"


def _key_of(content: str) -> str:
    match = _KEY.match(content)
    return match.group().rstrip().rstrip(":").strip() + ":" if match else content.split()[0] if content else ""


def _rest_of(content: str) -> str:
    match = _KEY.match(content)
    rest = content[match.end():].strip() if match else content
    return "" if rest.startswith("#") else rest
