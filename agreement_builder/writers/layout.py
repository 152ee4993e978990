"""Table column widths from the text the columns hold, so that no word, amount, date or reference breaks in a
cell: each column is at least as wide as its longest unbreakable token, and the room left is shared so that
rows stay short. Widths are estimated from the shipped body font's advance widths (Calibri, whose metrics
LibreOffice's Carlito shares)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from ..document import Table, Text, plain

# Advance widths in thousandths of an em of the bold face (a little wider than the regular, so an estimate
# from it is on the safe side) for the printable ASCII characters, in code point order from the space.
_ASCII = (
    "227,326,439,499,507,730,705,234,312,312,499,499,258,307,268,430,507,507,507,507,507,507,507,507,507,507,"
    "276,276,499,499,499,464,899,606,561,530,631,488,459,638,631,267,332,547,423,875,659,677,533,687,563,473,"
    "496,653,592,907,551,520,479,325,430,325,499,499,301,494,537,419,537,504,317,475,537,246,256,480,246,814,"
    "537,538,537,537,356,399,347,537,474,746,460,474,398,344,476,344,499"
)
_WIDTHS: dict[str, int] = {chr(32 + i): int(w) for i, w in enumerate(_ASCII.split(","))}
_WIDTHS.update(zip("£€–—‘’“”…●·\u00a0", (507, 507, 499, 906, 258, 258, 436, 436, 712, 605, 268, 227), strict=True))
_WIDE = 1000  # CJK and other full-width characters
_OTHER = 620  # accented and other letters not listed: about an average capital

TEXT_POINTS = 9.0  # Table Text and Table Heading
CELL_PADDING = 2 * 85  # twentieths of a point: the table style's left and right cell margins
SAFETY = 1.06  # the estimate is of the regular text set in bold; leave a little more room still

# Tokens that read as one and must not break even though they hold a space: dates ("1 April 2025",
# "April 2025"), references ("clause 21.2(a)", "Schedule 3") and amounts with a currency code ("EUR 1,000").
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_TOKEN = re.compile(rf"(?:\d{{1,2}}\s+)?(?:{_MONTHS})\s+\d{{4}}|(?:clause|paragraph|Schedule|Annex)\s+[\dA-Z][\w.()]*"
                    r"|[A-Z]{3}\s+[\d,.]+|\S+")


class Layout(NamedTuple):
    """Column widths in twentieths of a point, and whether the table needs the page turned to landscape."""

    widths: tuple[int, ...]
    landscape: bool = False


def text_width(text: str, points: float = TEXT_POINTS) -> int:
    """The estimated width of ``text`` on one line, in twentieths of a point."""
    units = sum(_char_width(char) * count for char, count in Counter(text).items())
    return int(units * points * 20 / 1000 * SAFETY) + 1


@lru_cache(maxsize=1024)
def _char_width(char: str) -> int:
    width = _WIDTHS.get(char)
    if width is None:
        return _WIDE if _wide(char) else _OTHER
    return width


def _wide(char: str) -> bool:
    code = ord(char)
    return 0x1100 <= code <= 0x115F or 0x2E80 <= code <= 0xA4CF or 0xAC00 <= code <= 0xD7A3 or \
        0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F or 0xFF00 <= code <= 0xFF60 or code >= 0x1F300


def tokens(text: str) -> list[str]:
    """The pieces of ``text`` a line may not break inside."""
    return _TOKEN.findall(text)


class _Need(NamedTuple):
    least: int  # the widest unbreakable token, padded
    most: int  # about the widest line, padded
    bulk: int  # the most characters in one cell: how tall the column's tallest cell would grow


_WIDEST = max(_WIDE, *_WIDTHS.values())  # no character is wider


def _need(column: Iterable[Text], cap: int) -> _Need:
    """What a column needs. Only the longest texts are measured: a token of n characters is at most n widest
    characters wide, so a shorter one cannot be the widest once a token wider than that is found."""
    cells = [[plain(paragraph) for paragraph in text] for text in column]
    bulk = max((sum(len(p) for p in text) for text in cells), default=0)
    texts = {line for text in cells for paragraph in text for line in paragraph.split("\n")}
    texts.discard("")
    if not texts:
        return _Need(CELL_PADDING, CELL_PADDING, 0)
    found = sorted({t[:400] for text in texts for t in tokens(text)}, key=len, reverse=True)
    least = 0
    for token in found:
        if least and _bound(len(token)) <= least:
            break
        least = max(least, text_width(token))
    # A very long word is measured only as far as the page could hold it: beyond that it breaks anyway.
    most = text_width(max(texts, key=len)[:20_000])
    return _Need(min(least, cap) + CELL_PADDING, max(min(most, 50 * cap), min(least, cap)) + CELL_PADDING, bulk)


def _bound(length: int) -> int:
    """The most ``length`` characters can measure."""
    return int(length * _WIDEST * TEXT_POINTS * 20 / 1000 * SAFETY) + 1


def layout(table: Table, width: int, landscape_width: int | None = None) -> Layout:
    """Widths for ``table``'s columns across ``width``; when the columns' tokens cannot fit across it and
    ``landscape_width`` is given, across that, in landscape."""
    columns = len(table.head)
    cells: list[list[Text]] = [[(head,)] for head in table.head]
    for row in table.rows:
        for i, cell in enumerate(row):
            cells[i].append(cell)
    needs = [_need(column, width) for column in cells]
    if sum(n.least for n in needs) > width and landscape_width:
        return Layout(_spread(needs, landscape_width, table.widths), True)
    return Layout(_spread(needs, width, table.widths), False) if columns else Layout(())


def _spread(needs: Sequence[_Need], width: int, hints: Sequence[int]) -> tuple[int, ...]:
    """Each column's least width, then the rest of ``width`` shared out: a column that wants little more to
    set its longest line gets it, and the others share what is left by the text in their fullest cell, so
    that no one column makes every row tall. When even the least widths do not fit, those, scaled down."""
    least = [n.least for n in needs]
    if sum(least) >= width:
        return _fit([w * width / sum(least) for w in least], width)
    most = [n.most for n in needs]
    if sum(most) <= width:  # every line fits: share what is over by the text each column holds
        return _fit([m + (width - sum(most)) * m / sum(most) for m in most], width)
    wants = [m - s for m, s in zip(most, least, strict=True)]
    if not any(wants):
        wants = list(hints)
    bulk = [max(n.bulk, 1) for n in needs]
    given = [0.0] * len(needs)
    room = float(width - sum(least))
    order = sorted(range(len(needs)), key=lambda k: wants[k] / bulk[k])
    for left, i in enumerate(order):
        share = room * bulk[i] / sum(bulk[k] for k in order[left:])
        given[i] = min(float(wants[i]), share)
        room -= given[i]
    return _fit([s + g for s, g in zip(least, given, strict=True)], width)


def _fit(widths: list[float], width: int) -> tuple[int, ...]:
    """Whole widths that add up to ``width`` exactly."""
    whole = [int(w) for w in widths]
    for i in range(width - sum(whole)):
        whole[i % len(whole)] += 1
    return tuple(whole)
