"""What the statutory packs share: which regime an agreement falls under, and the terms several regimes require.

A statutory pack is chosen by default from `agreement.jurisdiction` and `agreement.arrangement_type`:

- scotland, with an `integration_model` or arrangement type `integration_joint_board` or `lead_agency`:
  `scotland-integration` (an integration scheme under the Public Bodies (Joint Working) (Scotland) Act 2014);
- otherwise scotland with `pooled_budget`, `lead_commissioning` or `integrated_team`: `scotland-2002` (an
  agreement under the Community Care and Health (Scotland) Act 2002 and SSI 2002/533);
- england with `pooled_budget`, `integrated_provision`, `integrated_team` or `lead_commissioning`:
  `england-s75` (section 75 arrangements under SI 2000/617).

Any other combination gets no statutory pack; `--pack` or the `packs` setting chooses packs explicitly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..findings import Severity
from ..model import Agreement, Node
from .base import Issue, filled

SCOTLAND_2002 = "scotland-2002"
SCOTLAND_INTEGRATION = "scotland-integration"
ENGLAND_S75 = "england-s75"

SCOTLAND_2002_TYPES = frozenset({"pooled_budget", "lead_commissioning", "integrated_team"})
ENGLAND_S75_TYPES = frozenset({"pooled_budget", "integrated_provision", "integrated_team", "lead_commissioning"})
INTEGRATED_PROVISION = frozenset({"integrated_provision", "integrated_team"})

REVIEW_MONTHS = 60  # the 2014 Act s.44: an integration scheme is reviewed at least every five years


def arrangement(agreement: Agreement) -> str:
    return agreement.meta.text("arrangement_type")


def integration_scheme(agreement: Agreement) -> bool:
    """Whether the agreement is a Scottish integration scheme under the 2014 Act: so stated, or made plain by
    its arrangement."""
    return agreement.jurisdiction == "scotland" and agreement.kind == "integration_scheme"


def statutory_packs(agreement: Agreement) -> list[str]:
    """The statutory packs that fit the agreement's jurisdiction and arrangement type (see the module's doc)."""
    jurisdiction, kind = agreement.meta.text("jurisdiction"), arrangement(agreement)
    if integration_scheme(agreement):
        return [SCOTLAND_INTEGRATION]
    if jurisdiction == "scotland" and kind in SCOTLAND_2002_TYPES:
        return [SCOTLAND_2002]
    if jurisdiction == "england" and kind in ENGLAND_S75_TYPES:
        return [ENGLAND_S75]
    return []


def scheme_review(agreement: Agreement) -> Node | None:
    """An integration scheme's `term` when it states its review, at least every five years (2014 Act s.44).

    Such a scheme cannot simply be left, so that review is its timetable for evaluation and the way it decides
    to continue or change: the briefing's exit element is met by it.
    """
    term = agreement.section("term") if integration_scheme(agreement) else None
    interval = term.get("review_interval_months") if term is not None else None
    if term is None or not filled(term, "review") or not isinstance(interval, int) or interval > REVIEW_MONTHS:
        return None
    return term


def aims_and_outcomes(agreement: Agreement, cite: str) -> Iterator[Issue]:
    """The agreement states the aims (`purpose.vision`) and outcomes it is meant to achieve."""
    if "purpose" in agreement.covered():
        return
    purpose = agreement.section("purpose")
    if purpose is None:
        yield Issue(("purpose",), f"the agreement does not state its aims or the outcomes it is meant to achieve "
                    f"({cite}); add `purpose` with a `vision` and `outcomes`")
        return
    if not filled(purpose, "vision"):
        yield Issue(purpose.at("vision"), f"the agreement does not state its aims ({cite}); add a `vision` under "
                    "`purpose`")
    if not purpose.children("outcomes"):
        yield Issue(purpose.at("outcomes"), f"the agreement does not state the outcomes it is meant to achieve "
                    f"({cite}); add `outcomes` under `purpose`")


def persons_and_services(agreement: Agreement, cite: str) -> Iterator[Issue]:
    """The agreement names the people it serves and the kinds of service it covers."""
    boundaries = agreement.section("boundaries")
    if not filled(boundaries, "persons_covered"):
        yield Issue(("boundaries", "persons_covered"), f"the agreement does not say which people its services are "
                    f"for ({cite}); add `persons_covered` under `boundaries`")
    if not filled(boundaries, "services_covered"):
        yield Issue(("boundaries", "services_covered"), f"the agreement does not list the kinds of service it "
                    f"covers ({cite}); add `services_covered` under `boundaries`")


IN_KIND = frozenset({"staff", "premises", "goods", "services"})


def resources_provided(agreement: Agreement, cite: str) -> Iterator[Issue]:
    """The agreement says what staff, goods, services or accommodation the partners provide."""
    finance = agreement.child("finance")
    in_kind = [c for c in (finance.children("contributions") if finance is not None else ())
               if c.get("kind") in IN_KIND]
    if not agreement.children("resources") and not in_kind:
        yield Issue(("resources",), f"the agreement does not say what staff, goods, services or accommodation "
                    f"the partners provide ({cite}); list them under `resources`")


TERM_PARTS = ("duration", "review", "variation", "termination", "breach")


def term_gaps(agreement: Agreement, parts: tuple[str, ...], cite: str) -> Iterator[Issue]:
    """The agreement says how long it lasts and how it is reviewed, varied, ended and enforced (``parts``)."""
    term, meta = agreement.child("term"), agreement.meta
    exit_strategy = agreement.child("exit_strategy")
    stated = {
        "duration": filled(term, "duration") or filled(meta, "end_date"),
        "review": filled(term, "review") or filled(meta, "review_date"),
        "variation": filled(agreement, "variation"),
        "termination": filled(term, "termination") or filled(exit_strategy, "notice_months"),
        "breach": filled(term, "breach"),
    }
    gaps = {
        "duration": (("term", "duration"), "how long the agreement lasts",
                     "add `duration` under `term`, or an `end_date` under `agreement`"),
        "review": (("term", "review"), "how the agreement is reviewed",
                   "add `review` under `term`, or a `review_date` under `agreement`"),
        "variation": (("variation",), "how the agreement may be varied", "add `variation`"),
        "termination": (("term", "termination"), "how the agreement may be ended",
                        "add `termination` under `term`, or a notice period under `exit_strategy`"),
        "breach": (("term", "breach"), "how a breach of the agreement is handled", "add `breach` under `term`"),
    }
    for part in parts:
        if not stated[part]:
            path, what, fix = gaps[part]
            yield Issue(path, f"the agreement does not say {what} ({cite}); {fix}")


def s75_citation(agreement: Agreement, letter: str) -> tuple[str, Severity | None]:
    """The SI 2000/617 paragraph a common section 75 term comes from, and the severity to report it at.

    Pooled funds (reg. 7(3)) and integrated provision (reg. 9(3)) share terms (a) to (f). For any other
    arrangement, such as lead commissioning, whose own regulation was not checked, the term is reported as a
    warning, citing both.
    """
    kind = arrangement(agreement)
    if kind == "pooled_budget":
        return f"SI 2000/617 reg. 7(3)({letter})", None
    if kind in INTEGRATED_PROVISION:
        return f"SI 2000/617 reg. 9(3)({letter})", None
    return f"SI 2000/617 reg. 7(3)({letter}) and 9(3)({letter}), for pooled funds and integrated provision", \
        Severity.WARNING


def at_severity(issues: Iterator[Issue], severity: Severity | None) -> Iterator[Issue]:
    """``issues`` reported at ``severity`` (``None``: the rule's default)."""
    for issue in issues:
        yield replace(issue, severity=severity or issue.severity)
