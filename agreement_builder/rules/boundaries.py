"""The agreement draws the line between the partnership's work and the partners' own, and says where.

Checks that a `boundaries` section exists (or an additional clause covers it). When it does, warns where it
does not say what work is in scope, what stays with the partners, or which area the partnership covers, and
where the partners' areas differ but the agreement does not say how they work across the difference.

Why:
Without a clear line, work falls between the partnership and its members or is done twice. The area covered
matters as well: when partners' boundaries do not match, the agreement should say how they work across them
(briefing: Structures > Have a partnership agreement; Structures > Authority to make decisions).

Fails:
    boundaries:
      in_scope:
        - Reablement for adults leaving hospital

Passes:
    boundaries:
      in_scope:
        - Reablement for adults leaving hospital
      out_of_scope:
        - Acute hospital care, which stays with the Health Board
      geography: The Northvale council area
      coterminous: false
      cross_boundary: Patients of Northvale practices who live over the border are served under a protocol
        with the neighbouring council.

Fix:
List the work `in_scope` and `out_of_scope`, give the `geography`, and where `coterminous` is false add
`cross_boundary`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled, missing

ID = "AB106"
NAME = "boundaries"
ELEMENT = "boundaries"
SEVERITY = Severity.ERROR
SOURCE = "Structures > Have a partnership agreement; Structures > Authority to make decisions"


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from missing(agreement, ELEMENT, "the boundary between the partnership's work and the partners' own, and "
                       "the area it covers",
                       "It says what work is in the partnership's scope and what stays with the partners, and which "
                       "area it covers.")
    section = agreement.section(ELEMENT)
    if section is None:
        return
    if not filled(section, "in_scope"):
        yield Issue(section.at("in_scope"), "Say what work belongs to the partnership.", Severity.WARNING,
                    hint="add `boundaries.in_scope`")
    if not filled(section, "out_of_scope"):
        yield Issue(section.at("out_of_scope"), "Say what work stays with the partners' own organisations.",
                    Severity.WARNING, hint="add `boundaries.out_of_scope`")
    if not filled(section, "geography"):
        yield Issue(section.at("geography"), "Say which area the partnership covers.", Severity.WARNING,
                    hint="add `boundaries.geography`")
    if section.get("coterminous") is False and not filled(section, "cross_boundary"):
        yield Issue(section.at("coterminous"), "The partners' areas differ: say how they work where they differ.",
                    Severity.WARNING, hint="add `boundaries.cross_boundary`", gap="/boundaries/cross_boundary")
