"""The clause library's tables: which clauses each kind of instrument has and in what order, which template a
clause takes in a kind or jurisdiction, the legal facts of each jurisdiction, and the defaults of the legal
choices. Templates read these; they never test the kind or jurisdiction themselves."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from markupsafe import Markup

from . import clauses, schema
from .model import Agreement, Node

# The body of each kind of instrument, in reading order. Each key is a clause template of that name (or the
# variant VARIANTS names); an additional clause that `covers` a key stands in for it. A key whose template
# renders nothing (no input for it, and no choice that drafts it) leaves no heading behind.
_CONTRACT_HEAD = ("definitions", "status", "commencement", "purpose", "arrangements", "legal_powers", "boundaries",
                  "schemes")
_CONTRACT_GOVERNANCE = ("membership", "accountability", "operational_delivery", "clinical_governance", "chief_officer",
                        "decision_making", "roles", "workforce", "behaviours")
_CONTRACT_MONEY_AND_PEOPLE = ("finance", "risk", "liability", "insurance", "engagement", "supervision")
_CONTRACT_INFORMATION = ("information_sharing", "data_protection", "confidentiality", "freedom_of_information",
                         "communication", "monitoring", "mainstreaming", "complaints", "compliance")
_CONTRACT_END = ("disputes", "business_continuity", "term", "termination", "exit_strategy", "variation",
                 "no_partnership", "notices", "general", "governing_law")
_CONTRACT = _CONTRACT_HEAD + _CONTRACT_GOVERNANCE + _CONTRACT_MONEY_AND_PEOPLE + _CONTRACT_INFORMATION + _CONTRACT_END
LAYOUTS: Mapping[str, tuple[str, ...]] = {
    "agreement": _CONTRACT,
    # A memorandum has the same clauses; its status clause says which of them bind.
    "memorandum": _CONTRACT,
    # The matters the Integration Scheme Regulations 2014 (SSI 2014/341) prescribe, in the schedule's order,
    # after what the 2014 Act itself requires a scheme to set out (s.1(3)(a) to (e)).
    "integration_scheme": (
        "purpose", "definitions", "integration_model", "local_governance", "delegation", "operational_delivery",
        "clinical_governance", "chief_officer", "workforce", "finance", "engagement", "information_sharing",
        "complaints", "claims", "risk", "disputes", "review",
        # What else the input holds, after the prescribed matters.
        "status", "arrangements", "boundaries", "membership", "decision_making", "roles", "supervision",
        "monitoring", "communication", "mainstreaming", "behaviours", "exit_strategy", "variation", "notices",
    ),
}
# Clauses that refer to which other clauses the document has (the status of a memorandum, the clauses that
# survive termination): rendered after the rest, when that is known, in turn (the second refers to the first).
# A memorandum's status clause lists the termination clause among the parts that bind, so it comes last.
LATE: tuple[frozenset[str], ...] = (frozenset({"governing_law", "confidentiality", "data_protection"}),
                                    frozenset({"termination"}), frozenset({"status"}))

# The enactments each statutory regime's recitals and clauses refer to by a short name, and that name.
ABBREVIATIONS: Mapping[str, Mapping[str, str]] = {
    "england-s75": {"2006 Act": "the National Health Service Act 2006",
                    "2000 Regulations": "the NHS Bodies and Local Authorities Partnership Arrangements Regulations "
                                        "2000 (SI 2000/617)"},
    "scotland-2002": {"2002 Act": "the Community Care and Health (Scotland) Act 2002",
                      "2002 Regulations": "the Community Care (Joint Working etc.) (Scotland) Regulations 2002 "
                                          "(SSI 2002/533)"},
    "scotland-integration": {"2014 Act": "the Public Bodies (Joint Working) (Scotland) Act 2014",
                             "Integration Scheme Regulations": "the Public Bodies (Joint Working) (Integration "
                                                               "Scheme) (Scotland) Regulations 2014 (SSI 2014/341)"},
}

# The statutory regimes that provide for a pooled fund (section 75 with regulation 7 of the 2000 Regulations;
# section 15 of the 2002 Act). Under any other, the money the Parties pay in is a joint fund, not a pooled fund.
POOLED_FUNDS = frozenset({"england-s75", "scotland-2002"})

# The words the document uses for itself, by kind.
INSTRUMENTS: Mapping[str, str] = {"agreement": "Agreement", "memorandum": "Memorandum", "integration_scheme": "Scheme"}
# The kinds that are made between the Parties, so that a provision may be said to bind them. An integration
# scheme is prepared by them and approved by the Scottish Ministers (2014 Act, section 7): it is not a contract.
CONTRACTS = frozenset({"agreement", "memorandum"})

# The kinds of body (bodies[].kind) a clause describes in full where the document has that clause, so the list of
# bodies in the arrangements clause leaves them out rather than describe them twice.
DESCRIBES: Mapping[str, frozenset[str]] = {"integration_model": frozenset({"integration_joint_board"})}


def described_bodies(kind: str, covered: Collection[str]) -> frozenset[str]:
    """The kinds of body a clause of an instrument of ``kind`` describes, unless an additional clause stands in
    for that clause (``covered``)."""
    return frozenset(body for clause, bodies in DESCRIBES.items()
                     if clause in LAYOUTS[kind] and clause not in covered for body in bodies)

# Schedules in order, per kind: (schedule key, input section it tabulates). A living register goes to the annexes
# instead when the input keeps registers out of the contractual schedules (legal.living_registers: separate).
SCHEDULES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "agreement": (("schemes", "schemes"), ("groups", "accountability"), ("roles", "roles"),
                  ("contributions", "finance"), ("disputes", "disputes"), ("contacts", "parties"),
                  ("risks", "risk"), ("actions", "actions")),
    "integration_scheme": (("functions", "legal_powers"), ("groups", "accountability"), ("roles", "roles"),
                           ("contributions", "finance"), ("disputes", "disputes"), ("contacts", "parties"),
                           ("risks", "risk"), ("actions", "actions")),
}
LIVING_REGISTERS = frozenset({"contacts", "risks", "actions"})
# Kinds whose tables are all annexes forming part of the document (an integration scheme's annexes).
ANNEXED_KINDS = frozenset({"integration_scheme"})

# Where a clause's template differs by kind or jurisdiction: (clause, kind or "*", jurisdiction or "*") -> template.
# The first match in this order wins: kind and jurisdiction, kind alone, jurisdiction alone.
VARIANTS: Mapping[tuple[str, str, str], str] = {
    ("signatures", "integration_scheme", "*"): "signatures-scheme",
    ("signatures", "*", "scotland"): "signatures-scotland",
    ("status", "memorandum", "*"): "status-memorandum",
    ("docquet", "*", "scotland"): "docquet-scotland",
    ("opening", "memorandum", "*"): "opening-memorandum",
    ("opening", "integration_scheme", "*"): "opening-scheme",
    ("variation", "integration_scheme", "*"): "variation-scheme",
}


def template(clause: str, kind: str, jurisdiction: str) -> str:
    """The template that renders ``clause`` in an instrument of ``kind`` under ``jurisdiction``."""
    for key in ((clause, kind, jurisdiction), (clause, kind, "*"), (clause, "*", jurisdiction)):
        if key in VARIANTS:
            return VARIANTS[key]
    return clause


def schedules(kind: str, registers: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """The (schedules, annexes) of an instrument of ``kind``: living registers are annexes when ``registers``
    is ``separate``; an integration scheme has annexes only, which form part of it."""
    listed = SCHEDULES.get(kind, SCHEDULES["agreement"])
    if kind in ANNEXED_KINDS:
        return (), listed
    if registers != "separate":
        return listed, ()
    return (tuple(s for s in listed if s[0] not in LIVING_REGISTERS),
            tuple(s for s in listed if s[0] in LIVING_REGISTERS))


# ---------------------------------------------------------------- what kind of body each party is

# How a party insures and executes a deed follows what it is in law, not the field it works in (a district
# council is a council though its sector is housing). Read from its legal status first, in this order; then a
# local authority or health sector; then its register; then its other sector.
#   council: insurance or self-insurance; a deed under its common seal.
#   nhs: the NHS indemnity scheme; a deed as its standing orders provide.
#   company: commercial cover; a deed by a director and a witness.
#   other (a charity, a society, a body the input does not describe): commercial cover; a deed by its authorised
#   signatory and a witness.
_STATUS_BODIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("council", re.compile(r"\b(council|local authority|combined authority)\b", re.IGNORECASE)),
    ("nhs", re.compile(r"\b(NHS|National Health Service|health board|integrated care board|special health board)\b",
                       re.IGNORECASE)),
    ("company", re.compile(r"\b(company|companies act|limited by|plc)\b", re.IGNORECASE)),
    ("other", re.compile(r"\b(charit\w*|society|trust|association|incorporated organisation)\b", re.IGNORECASE)),
)
_REGISTER_BODIES = {"company": "company", "charity_england_wales": "other", "scottish_charity": "other",
                    "registered_provider": "other", "registered_social_landlord": "other"}
_SECTOR_BODIES = {"local_authority": "council", "health": "nhs", "private": "company"}
# Sectors that say what a body is in law unless its legal status says otherwise (a health-sector company says so
# in its legal status); the others say only where it works, so its register comes first.
_SECTORS_FIRST = frozenset({"local_authority", "health"})
BODY_TYPES = ("council", "nhs", "company", "other")


def body_type(party: Node) -> str:
    """What kind of body ``party`` is for insurance and execution: council, nhs, company or other."""
    status = party.text("legal_status")
    for body, pattern in _STATUS_BODIES:
        if pattern.search(status):
            return body
    number = party.child("registered_number")
    register = number.text("register") if number is not None else ""
    sector = party.text("sector")
    if sector in _SECTORS_FIRST:
        return _SECTOR_BODIES[sector]
    return _REGISTER_BODIES.get(register) or _SECTOR_BODIES.get(sector, "other")


def body_types(agreement: Agreement) -> dict[str, frozenset[str]]:
    """The ids of the parties of each kind of body (`body_type`)."""
    found: dict[str, set[str]] = {body: set() for body in BODY_TYPES}
    for party in agreement.parties:
        found[body_type(party)].add(str(party.get("id")))
    return {body: frozenset(ids) for body, ids in found.items()}


# ---------------------------------------------------------------- jurisdictions

# What the standard clauses cite in each legal system. "generic" offers the choices in brackets, and lint reports
# that the choice is still open, so the draft carries a drafting note there. "wrong" is what the system calls a
# civil wrong outside contract (a claim for indirect loss may lie in it).
_SCOTLAND = {
    "law": "Scots law", "courts": "the Scottish courts", "system": "Scotland",
    "foi": "the Freedom of Information (Scotland) Act 2002",
    "eir": "the Environmental Information (Scotland) Regulations 2004",
    "third_parties": "the Contract (Third Party Rights) (Scotland) Act 2017",
    "counterparts": "the Legal Writings (Counterparts and Delivery) (Scotland) Act 2015",
    "execution": "the Requirements of Writing (Scotland) Act 1995",
    "nhs_indemnity": "the Clinical Negligence and Other Risks Indemnity Scheme (CNORIS)",
    "care_regulator": "the Care Inspectorate", "health_regulator": "Healthcare Improvement Scotland",
    "public_audit": "Audit Scotland, the Accounts Commission and the Auditor General for Scotland",
    "safeguarding": "the Adult Support and Protection (Scotland) Act 2007 and the Children (Scotland) Act 1995",
    "equality": "the Equality Act 2010 (section 149) and the Equality Act 2010 (Specific Duties) (Scotland) "
                "Regulations 2012",
    "interim": "interim interdict or other interim orders",
    "wrong": "delict",
    # An electronic signature subscribes a document in Scots law only if it is an advanced one, and makes it
    # self-proving only if it is a qualified one.
    "e_signature": "A Party that signs electronically shall do so by an advanced electronic signature, and by a "
                   "qualified electronic signature where its signature is to be self-proving (Requirements of "
                   "Writing (Scotland) Act 1995, Part 3; Electronic Documents (Scotland) Regulations 2014).",
}
_ENGLAND = {
    "law": "the law of England and Wales", "courts": "the courts of England and Wales", "system": "England and Wales",
    "foi": "the Freedom of Information Act 2000",
    "eir": "the Environmental Information Regulations 2004",
    "third_parties": "the Contracts (Rights of Third Parties) Act 1999",
    "counterparts": "", "execution": "",
    "nhs_indemnity": "the schemes NHS Resolution runs for NHS bodies",
    "care_regulator": "the Care Quality Commission", "health_regulator": "the Care Quality Commission",
    "public_audit": "the auditors appointed under the Local Audit and Accountability Act 2014 and the National "
                    "Audit Office",
    "safeguarding": "the Care Act 2014 (sections 42 to 47), the Children Act 1989 and the Children Act 2004",
    "equality": "the Equality Act 2010 (section 149)",
    "interim": "an injunction or other interim relief",
    "wrong": "tort",
    "e_signature": "A Party may sign by electronic signature.",
}
# Wales shares the law of England and Wales; its own regulators, auditor and duties replace England's.
_WALES = {
    "care_regulator": "Care Inspectorate Wales", "health_regulator": "Healthcare Inspectorate Wales",
    "public_audit": "the Auditor General for Wales",
    "safeguarding": "the Social Services and Well-being (Wales) Act 2014 (Part 7)",
    "nhs_indemnity": "the Welsh Risk Pool",
    "equality": "the Equality Act 2010 (section 149) and the Equality Act 2010 (Statutory Duties) (Wales) "
                "Regulations 2011",
}
_NORTHERN_IRELAND = {
    **_ENGLAND,
    "law": "the law of Northern Ireland", "courts": "the courts of Northern Ireland", "system": "Northern Ireland",
    "care_regulator": "the Regulation and Quality Improvement Authority",
    "health_regulator": "the Regulation and Quality Improvement Authority",
    "public_audit": "the Northern Ireland Audit Office", "nhs_indemnity": "the indemnity arrangements of the "
    "Department of Health for health and social care bodies",
    "safeguarding": "the Children (Northern Ireland) Order 1995 and the Department of Health's adult safeguarding "
                    "policy",
    "equality": "section 75 of the Northern Ireland Act 1998",
}
LAWS: Mapping[str, Mapping[str, str]] = {
    "scotland": _SCOTLAND, "england_and_wales": _ENGLAND, "northern_ireland": _NORTHERN_IRELAND,
}
# The legal system each jurisdiction's agreements are governed by, unless `legal.governing_law` says otherwise.
_GOVERNING = {"scotland": "scotland", "england": "england_and_wales", "wales": "england_and_wales",
              "northern_ireland": "northern_ireland"}


def laws(agreement: Agreement, choices: Mapping[str, Any]) -> dict[str, Markup]:
    """The legal facts templates cite, as markup: the chosen system's, or for an agreement whose system is
    still open, each fact as bracketed options for the drafter."""
    chosen = choices.get("governing_law") or _GOVERNING.get(agreement.jurisdiction)
    if chosen is not None:
        facts = dict(LAWS[chosen])
        if chosen == "england_and_wales" and agreement.jurisdiction == "wales":
            facts.update(_WALES)
        return {key: _value(text) for key, text in facts.items()}
    options = (_SCOTLAND, _ENGLAND)
    offered = {key: Markup(" or ").join(_bracket(o[key]) for o in options if o[key]) for key in _SCOTLAND}
    # One note says the choice is open, where the governing law is stated; the other options follow it.
    offered["law"] = Markup(" or ").join((_bracket(_SCOTLAND["law"], _CHOOSE, "LG102"), _bracket(_ENGLAND["law"])))
    return offered


_CHOOSE = ("Choose the law that governs this agreement, Scots law or the law of England and Wales (or set "
           "the jurisdiction in the input), and keep the matching option wherever a choice is offered in brackets.")


def _value(text: str) -> Markup:
    return Markup("<v>{}</v>").format(text) if text else Markup("")


def _bracket(text: str, note: str = "", rule: str = "") -> Markup:
    return clauses.bracket(text, note, rule=rule)


# ---------------------------------------------------------------- legal choices


def choices(agreement: Agreement) -> dict[str, Any]:
    """The input's `legal` choices over the schema's defaults, one level of nesting deep."""
    defaults = _defaults(schema.schema()["properties"]["legal"])
    given = agreement.section("legal")
    merged: dict[str, Any] = dict(defaults)
    for key, value in (given.data.items() if given is not None else ()):
        if isinstance(value, dict) and isinstance(defaults.get(key), dict):
            merged[key] = {**defaults[key], **value}
        else:
            merged[key] = value
    if agreement.kind == "memorandum" and merged.get("binding") is None:
        # Where withdrawal is on the notice the exit arrangements give, those arrangements bind as well.
        merged["binding"] = list(MEMORANDUM_BINDS) + (["exit_strategy"] if exit_gives_notice(agreement) else [])
    return merged


# The user's exit arrangements speak of the notice a Party gives to leave ("A partner that wishes to leave gives
# twelve months' written notice to the Board chair").
_NOTICE = re.compile(r"\bnotice\b", re.IGNORECASE)
_LEAVING = re.compile(r"\b(leav\w*|withdraw\w*|terminat\w*|exit\w*)\b", re.IGNORECASE)


def exit_gives_notice(agreement: Agreement) -> bool:
    """Whether the exit arrangements in the input's own words say what notice a Party gives to leave: the
    termination clause then refers to them instead of stating a notice of its own."""
    exit_ = agreement.section("exit_strategy")
    text = exit_.text("arrangements") if exit_ is not None else ""
    return any(_NOTICE.search(s) and _LEAVING.search(s) for s in re.split(r"(?<=[.;])\s+", text))


# What binds in a memorandum unless `legal.binding` says otherwise (the schema's description says the same): the
# money and the information duties, and the boilerplate that makes them work (what the terms mean, when they
# start and end, liability and insurance, how it is varied, no partnership, notices and the general clauses).
# Contributions in kind
# ("contributions_in_kind") are not in it: they record what each Party intends to provide.
MEMORANDUM_BINDS = ("definitions", "commencement", "finance", "liability", "insurance", "confidentiality",
                    "data_protection", "freedom_of_information", "disputes", "termination", "variation",
                    "no_partnership", "notices", "general", "governing_law")


def _defaults(node: Mapping[str, Any]) -> dict[str, Any]:
    """The ``default`` of each property of an object schema (``None`` where it has none, so a template can test a
    choice that was not made), and of its objects' properties."""
    found: dict[str, Any] = {}
    for key, field in node.get("properties", {}).items():
        if "default" in field:
            found[key] = field["default"]
        elif field.get("type") == "object":
            found[key] = _defaults(field)
        else:
            found[key] = None
    return found


# ---------------------------------------------------------------- names of choices


def titles() -> dict[str, dict[str, str]]:
    """The names to print for each enumerated value, by the field's dotted path in the schema
    ("finance.contributions.kind" -> {"money": "Money", ...}; a shared definition also by its own name,
    "person.level"), from the schema's x-enum-titles."""
    if not _TITLES:
        definitions = schema.schema()
        _collect_titles(definitions, "", definitions["$defs"], _TITLES)
        for name, node in definitions["$defs"].items():
            _collect_titles(node, name, definitions["$defs"], _TITLES)
    return _TITLES


_TITLES: dict[str, dict[str, str]] = {}


def _collect_titles(node: Mapping[str, Any], path: str, defs: Mapping[str, Any],
                    found: dict[str, dict[str, str]]) -> None:
    if "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    if "x-enum-titles" in node:
        found[path] = dict(node["x-enum-titles"])
    for key, field in node.get("properties", {}).items():
        _collect_titles(field, f"{path}.{key}" if path else key, defs, found)
    if isinstance(node.get("items"), dict):
        _collect_titles(node["items"], path, defs, found)


# The NHS indemnity schemes, as input text names them; a text naming one with "member" states the membership.
NHS_SCHEMES = ("CNORIS", "Clinical Negligence and Other Risks Indemnity Scheme", "NHS Resolution", "Welsh Risk Pool")


def indemnity_membership_stated(agreement: Agreement) -> bool:
    """Whether the input says an NHS body is a member of its indemnity scheme (the insurance clause then states
    it without a placeholder to confirm)."""
    return any(any(name in text for name in NHS_SCHEMES) for _, text in agreement.texts("member"))
