"""A schedule, annex or clause the input's own text refers to is one the document has.

Checks every text of the input that names "Schedule 2", "Annex 1" or "clause 30" against the numbering of the
drafted document: the number must exist, and the sentence must share a word with that schedule's, annex's or
clause's heading. References to another instrument ("Schedule 1 to the 2014 Act") are left alone. A reference
written as a key, {schedule:KEY}, must name one the document has, and a token that looks like one but is not
({Clause:finance}, {schedule:}) is reported, since it would be printed as typed.

Why:
The tool numbers the clauses and schedules itself, so a number typed into the text can point at the wrong
place: the parties instead of the contributions. A reference written as a key ({schedule:contributions},
{clause:disputes}) becomes a cross-reference that follows the numbering.

Fails:
    finance:
      payment_method: Each partner pays the amounts in Schedule 7.

Passes:
    finance:
      contributions:
        - party: nvc
          kind: money
          amount: 1000
      payment_method: Each partner pays the amounts in {schedule:contributions}.

Fix:
Write the reference as {schedule:KEY}, {annex:KEY} or {clause:KEY}, or correct the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...errors import AgreementError
from ...findings import Severity
from ...model import TOKEN, Agreement
from ...source import JsonPath
from ..base import Issue

ID = "LG110"
NAME = "numbered-references"
SEVERITY = Severity.WARNING
PACK = "legal"
SOURCE = "References within the agreement"

_NUMBERED = re.compile(r"\b(Schedules?|Annex(?:es)?|[Cc]lauses?)\s+(\d+(?:\s*(?:,|and|or)\s*\d+)*)\b")
# "Schedule 1 to the Act", "clause 4 of the 2002 Regulations": a reference into another instrument.
_ELSEWHERE = re.compile(r"\s*(?:to|of|in)\s+(?!this\b)(?:the\s+)?[^.;,]{0,80}?"
                        r"\b(?:Act|Regulations|Order|Directions|Rules)\b")
# Anything written like a reference token ("{Clause:finance}", "{schedule:}", "{ annex : x }").
_LOOSE = re.compile(r"\{\s*(?:clause|schedule|annex)\s*:[^{}]{0,80}\}", re.I)
# What follows one of the words in the source when it may be a reference: a number however far on (a folded
# line's indent), or a colon, as in a token.
_NUMBER_AFTER = re.compile(r"[es]*\s+\d")
_COLON_AFTER = re.compile(r"[es]*\s*:")
_SENTENCE = re.compile(r"[^.!?;]*")
_WORD = re.compile(r"[A-Za-z]{4,}")
_COMMON = {"schedule", "annex", "clause", "this", "that", "with", "from", "their", "partnership", "agreement",
           "parties", "party", "other", "under", "which"}
_KINDS = (("Sched", "schedule"), ("Annex", "annex"), ("lause", "clause"))


def check(agreement: Agreement) -> Iterator[Issue]:
    source = agreement.document.text
    # Most files name no schedule, annex or clause and hold no token: a look at the source text says so at once
    # (an escape such as \u0053 could spell one out, so a file with a backslash is read value by value).
    if not ("\\" in source or _may_cite(source)):
        return
    cited: list[tuple[JsonPath, str, re.Match[str]]] = []
    keyed: list[tuple[JsonPath, str]] = []
    for path, text in agreement.texts():
        # (Plain substring tests first: most texts name no schedule, annex or clause, and hold no token.)
        if "chedule" in text or "nnex" in text or "lause" in text:
            cited += [(path, text, m) for m in _NUMBERED.finditer(text) if not _ELSEWHERE.match(text, m.end())]
        if "{" in text and _LOOSE.search(text):
            keyed.append((path, text))
    for path, text in keyed:
        for token in dict.fromkeys(m.group() for m in _LOOSE.finditer(text) if not TOKEN.fullmatch(m.group())):
            yield Issue(path, f"'{token}' is not a reference the document can number, and would be printed as "
                        "typed: write {clause:KEY}, {schedule:KEY} or {annex:KEY}, in lower case, with the key of "
                        "a clause, schedule or annex.", hint=f"correct '{token}'")
    if not cited and not keyed:
        return
    unknown: list[tuple[JsonPath, str, str]] = []
    headings = _headings(agreement, unknown)
    if headings is None:
        return
    for path, token, known in dict.fromkeys(unknown):
        yield Issue(path, f"{token} refers to one this document does not have; the keys it could name are: "
                    f"{known}.", hint=f"correct the key in {token}")
    by_text: dict[JsonPath, list[tuple[str, re.Match[str]]]] = {}
    for path, text, match in cited:
        by_text.setdefault(path, []).append((text, match))
    for path, found in by_text.items():
        yield from _judged(path, found, headings)


def _may_cite(text: str) -> bool:
    """Whether ``text`` may hold a numbered reference or a token: a word of the three, in any case, followed by
    a number however far on, or after an opening brace by a colon (found with str.find, many times faster than
    a regular expression over a whole file; the values are then read one by one)."""
    text = text.lower()  # a token in capitals is still one to report
    for word in ("chedule", "nnex", "lause"):
        at = text.find(word)
        while at != -1:
            end = at + len(word)
            if _NUMBER_AFTER.match(text, end):
                return True  # "schedule 2", "clauses 3", a number on a folded line's next line however indented
            if _COLON_AFTER.match(text, end) and _brace_before(text, at - 1):
                return True  # "{clause:", "{ Schedule :"
            at = text.find(word, end)
    return False


def _brace_before(text: str, first: int) -> bool:
    """Whether a "{" comes before ``first`` (the word's first letter), with only spaces between."""
    at = first - 1
    while at >= 0 and text[at].isspace():
        at -= 1
    return at >= 0 and text[at] == "{"


def _judged(path: JsonPath, found: list[tuple[str, re.Match[str]]],
            headings: dict[str, dict[str, tuple[str, str]]]) -> Iterator[Issue]:
    """At most two findings for one text, however many numbers it cites: the numbers the document does not
    have, and the first whose heading the sentence does not mention (with how many more there are)."""
    absent: list[tuple[str, str]] = []
    astray: list[tuple[str, str, str, str]] = []
    for text, match in found:
        kind = next(kind for start, kind in _KINDS if start in match.group(1))
        sentence = _sentence(text, match.start(), match.end())
        for number in re.findall(r"\d+", match.group(2)):
            listed = headings[kind]
            if number not in listed:
                absent.append((kind, number))
            elif not _shares_a_word(sentence, listed[number][0]):
                astray.append((kind, number, *listed[number]))
    if absent:
        kind = absent[0][0]
        token = f"{{{kind}:KEY}}"
        yield Issue(path, f"The text refers to {_cited(absent)}, but the drafted document has "
                    f"{_count(kind, len(headings[kind]))}: write the reference as {token} with the key of the one "
                    "meant, so it follows the numbering.", hint=f"write {token} instead of the number")
    if astray:
        kind, number, heading, key = astray[0]
        token = f"{{{kind}:KEY}}"
        more = f" (and {len(astray) - 1} more reference{'s' if len(astray) > 2 else ''} like it)" if len(
            astray) > 1 else ""
        yield Issue(path, f"The text refers to {_said(kind, number)}, which in the drafted document is '{heading}'"
                    f"{more}: if that is not the one meant, write the reference as {token} with the key of the one "
                    f"meant (this one is {{{kind}:{key}}}).", hint=f"write {token} instead of the number")


def _said(kind: str, number: str) -> str:
    return f"{kind.capitalize() if kind != 'clause' else kind} {number}"


def _cited(numbers: list[tuple[str, str]]) -> str:
    """"Schedule 7", "Schedules 1 and 2", "clauses 3, 4, 5 and 9 more"."""
    kind = numbers[0][0]
    shown = list(dict.fromkeys(n for k, n in numbers if k == kind))
    if len(shown) == 1:
        return _said(kind, shown[0])
    name = (kind.capitalize() if kind != "clause" else kind) + ("es" if kind == "annex" else "s")
    listed = shown if len(shown) <= 4 else [*shown[:3], f"{len(shown) - 3} more"]
    return f"{name} {', '.join(listed[:-1])} and {listed[-1]}"


def _headings(agreement: Agreement, unknown: list[tuple[JsonPath, str, str]]
              ) -> dict[str, dict[str, tuple[str, str]]] | None:
    """The document's numbering: for each kind, its numbers and the heading and key at each (``None`` when the
    document cannot be drafted, which the build reports); the reference tokens whose key it does not have are
    added to ``unknown``."""
    from ...drafting import Options, draft  # drafting reads the rules' catalogue; import it only when needed

    try:
        drafted = draft(agreement, [], Options(annotate=False, unknown=unknown))
    except AgreementError:
        return None
    found: dict[str, dict[str, tuple[str, str]]] = {"schedule": {}, "annex": {}, "clause": {}}
    for kind, sections in (("clause", drafted.sections), ("schedule", drafted.schedules),
                           ("annex", drafted.annexes)):
        for section in sections:
            if section.number:
                found[kind][section.number] = (_bare_title(section.title), section.key)
    return found


def _bare_title(title: str) -> str:
    """"Schedule 3: Contributions" -> "Contributions"; "7. Finance" -> "Finance"."""
    return re.sub(r"^(?:\S+\s+\d+:|\d+\.)\s*", "", title)


def _sentence(text: str, start: int, end: int) -> str:
    begin = max(text.rfind(stop, 0, start) for stop in ".!?;\n") + 1
    rest = _SENTENCE.match(text, end)
    return text[begin:rest.end() if rest else end]


def _shares_a_word(sentence: str, heading: str) -> bool:
    def stems(text: str) -> set[str]:
        return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in _COMMON}

    return bool(stems(sentence) & stems(heading))


def _count(kind: str, n: int) -> str:
    plural = kind + ("es" if kind == "annex" else "s")
    return f"no {plural}" if n == 0 else f"{n} {kind if n == 1 else plural}"
