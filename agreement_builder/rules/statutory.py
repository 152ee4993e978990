"""What the statutory packs share: which regime an agreement falls under, and the terms several regimes require.

A statutory pack is chosen by default from `agreement.jurisdiction` and `agreement.arrangement_type`:

- scotland, with an `integration_model`, arrangement type `integration_joint_board` or `lead_agency`, or
  `kind: integration_scheme`: `scotland-integration` (an integration scheme under the Public Bodies (Joint
  Working) (Scotland) Act 2014);
- otherwise scotland with `pooled_budget`, `lead_commissioning` or `integrated_team`: `scotland-2002` (an
  agreement under the Community Care and Health (Scotland) Act 2002 and SSI 2002/533);
- england with `pooled_budget`, `integrated_provision`, `integrated_team` or `lead_commissioning`:
  `england-s75` (section 75 arrangements under SI 2000/617).

Any other combination gets no statutory pack; `--pack` or the `packs` setting chooses packs explicitly, and a
chosen pack that does not fit the agreement is reported once instead of being run.
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

# What each pack is for, as a message says when a chosen pack does not fit.
FITS = {
    SCOTLAND_2002: "agreements in Scotland under the Community Care and Health (Scotland) Act 2002 (a pooled "
                   "budget, lead commissioning or an integrated team)",
    SCOTLAND_INTEGRATION: "integration schemes in Scotland under the Public Bodies (Joint Working) (Scotland) Act 2014",
    ENGLAND_S75: "section 75 agreements in England (a pooled budget, integrated provision, an integrated team or "
                 "lead commissioning)",
}

REVIEW_MONTHS = 60  # the 2014 Act s.44: an integration scheme is reviewed at least every five years

S75 = "SI 2000/617"


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


def parties_fixed_by_statute(agreement: Agreement) -> bool:
    """Whether a statute says who the parties are (an integration scheme, a section 75 or a 2002 Act agreement):
    advice on inviting other organisations to join as parties, or on how members join and leave, cannot apply."""
    return bool(statutory_packs(agreement))


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


def _sector(agreement: Agreement, ref: str) -> str:
    party = agreement.party(ref)
    return party.text("sector") if party is not None else ""


def delegations(agreement: Agreement, source: str, target: str) -> list[Node]:
    """The delegated functions one party of sector ``source`` delegates to a party of sector ``target``."""
    powers = agreement.child("legal_powers")
    functions = powers.children("delegated_functions") if powers is not None else []
    return [f for f in functions
            if _sector(agreement, f.text("from")) == source and _sector(agreement, f.text("to")) == target]


def s75_regulations(agreement: Agreement) -> list[str]:
    """The regulations of SI 2000/617 the arrangements fall under, from what the input says: a pooled budget
    (reg. 7); an NHS body's functions exercised by a council, as integrated provision or lead commissioning by
    the council (reg. 9); a council's functions exercised by an NHS body (reg. 8)."""
    found = []
    if arrangement(agreement) == "pooled_budget":
        found.append("7")
    if delegations(agreement, "local_authority", "health"):
        found.append("8")
    if arrangement(agreement) in INTEGRATED_PROVISION or delegations(agreement, "health", "local_authority"):
        found.append("9")
    return found


def reg9_applies(agreement: Agreement) -> bool:
    return "9" in s75_regulations(agreement)


def s75_citation(agreement: Agreement, letter: str) -> tuple[str, Severity | None]:
    """The SI 2000/617 provisions a term common to the partnership arrangements comes from, and the severity.

    Pooled funds (reg. 7(3)) and the exercise of NHS functions by a council (reg. 9(3)) share terms (a) to (f).
    Where the input shows neither (lead commissioning with no delegation stated, or only a council's functions
    exercised by an NHS body under reg. 8), the term is reported as a warning citing reg. 8 and 9.
    """
    regs = s75_regulations(agreement)
    cited = [f"reg. {reg}(3)({letter})" for reg in regs if reg in ("7", "9")]
    if cited:
        return f"{S75} {' and '.join(cited)}", None
    return f"{S75} reg. 8 or 9", Severity.WARNING


def aims_and_outcomes(agreement: Agreement, cite: str) -> Iterator[Issue]:
    """The agreement states the aims (`purpose.vision`) and outcomes it is meant to achieve."""
    purpose = agreement.section("purpose")
    if purpose is None:
        yield Issue(("purpose",), "Set out the aims of the arrangements and the outcomes they are meant to "
                    "achieve.", hint="add `purpose` with a `vision` and `outcomes`", whole=True, cite=cite)
        return
    if not filled(purpose, "vision"):
        yield Issue(purpose.at("vision"), "State the aims of the arrangements.", hint="add `purpose.vision`",
                    cite=cite)
    if not purpose.children("outcomes"):
        yield Issue(purpose.at("outcomes"), "State the outcomes the arrangements are meant to achieve.",
                    hint="add `purpose.outcomes`", cite=cite)


def persons_and_services(agreement: Agreement, cite: str) -> Iterator[Issue]:
    """The agreement names the people it serves and the kinds of service it covers (here, or scheme by scheme)."""
    boundaries = agreement.section("boundaries")
    schemes = agreement.children("schemes")
    if not filled(boundaries, "persons_covered") and not (schemes and all(filled(s, "persons") for s in schemes)):
        yield Issue(("boundaries", "persons_covered"), "Say which people the services are for.",
                    hint="add `boundaries.persons_covered`, or `persons` for each scheme", cite=cite)
    if not filled(boundaries, "services_covered") and not (schemes and all(filled(s, "services") for s in schemes)):
        yield Issue(("boundaries", "services_covered"), "List the kinds of service the arrangements cover.",
                    hint="add `boundaries.services_covered`, or `services` for each scheme", cite=cite)


IN_KIND = frozenset({"staff", "premises", "goods", "services"})


def resources_provided(agreement: Agreement, cite: str) -> Iterator[Issue]:
    """The agreement says what staff, goods, services or accommodation the partners provide."""
    finance = agreement.child("finance")
    in_kind = [c for c in (finance.children("contributions") if finance is not None else ())
               if c.get("kind") in IN_KIND]
    if not agreement.children("resources") and not in_kind:
        yield Issue(("resources",), "Say what staff, goods, services or accommodation each partner provides.",
                    hint="list them under `resources`", whole=True, cite=cite)


TERM_PARTS = ("duration", "review", "variation", "termination", "breach")


def has_duration(agreement: Agreement) -> bool:
    term, meta = agreement.child("term"), agreement.meta
    return (filled(term, "duration") or filled(term, "initial_period_months") or filled(term, "renewal_months")
            or filled(meta, "end_date"))


def has_termination(agreement: Agreement) -> bool:
    term = agreement.child("term")
    return (filled(term, "termination") or filled(term, "notice_months")
            or filled(agreement.child("exit_strategy"), "notice_months"))


def term_gaps(agreement: Agreement, parts: tuple[str, ...], cite: str) -> Iterator[Issue]:
    """The agreement says how long it lasts and how it is reviewed, varied, ended and enforced (``parts``)."""
    term, meta = agreement.child("term"), agreement.meta
    stated = {
        "duration": has_duration(agreement),
        "review": filled(term, "review") or filled(meta, "review_date"),
        "variation": filled(agreement, "variation"),
        "termination": has_termination(agreement),
        "breach": filled(term, "breach"),
    }
    gaps = {
        "duration": (("term", "duration"), "Say how long the agreement lasts.",
                     "add `term.duration` (or `term.initial_period_months`), or `agreement.end_date`"),
        "review": (("term", "review"), "Say how and when the agreement is reviewed.",
                   "add `term.review`, or `agreement.review_date`"),
        "variation": (("variation",), "Say how the agreement may be varied.", "add `variation`"),
        "termination": (("term", "termination"), "Say how the agreement may be ended, and on how much notice.",
                        "add `term.termination` or `term.notice_months`"),
        "breach": (("term", "breach"), "Say how a breach of the agreement is handled.", "add `term.breach`"),
    }
    for part in parts:
        if not stated[part]:
            path, message, hint = gaps[part]
            yield Issue(path, message, hint=hint, cite=cite)


def at_severity(issues: Iterator[Issue], severity: Severity | None) -> Iterator[Issue]:
    """``issues`` reported at ``severity`` (``None``: as each says)."""
    for issue in issues:
        yield issue if severity is None else replace(issue, severity=severity)


ACT_2014 = "Public Bodies (Joint Working) (Scotland) Act 2014"


def prescribed(title: str) -> str:
    """The citation of a matter the Integration Scheme Regulations prescribe, by its title in their schedule."""
    return f"{ACT_2014} s.1(3)(f); SSI 2014/341 reg. 2 and sch., {title}"


def joint_board_model(agreement: Agreement) -> bool:
    """Whether an integration scheme delegates to an integration joint board (not to a lead agency)."""
    model = agreement.meta.text("integration_model")
    return model == "integration_joint_board" if model else arrangement(agreement) != "lead_agency"
