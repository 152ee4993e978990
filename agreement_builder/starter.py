"""What `agreement init` writes: the starter file set to a regime, or one of the shipped sample agreements."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from .errors import UsageError
from .model import INTEGRATION_TYPES, Agreement
from .rules.statutory import ENGLAND_S75, SCOTLAND_2002, SCOTLAND_INTEGRATION, statutory_packs
from .schema import schema
from .source import Document

# The kinds of instrument an agreement can be; the schema's own list wins once it has one.
KINDS = ("agreement", "memorandum", "integration_scheme")
_SAMPLES = "agreement_builder.samples"


def choices(key: str) -> tuple[str, ...]:
    """The values the schema allows for ``agreement.KEY`` (for `kind`, the known kinds until the schema has it)."""
    found = _agreement_keys().get(key, {}).get("enum")
    return tuple(str(v) for v in found) if found else KINDS if key == "kind" else ()


def _agreement_keys() -> dict[str, dict[str, Any]]:
    keys: dict[str, dict[str, Any]] = schema()["properties"]["agreement"]["properties"]
    return keys


def starter(jurisdiction: str | None = None, arrangement: str | None = None, kind: str | None = None) -> str:
    """The starter file, with `agreement.jurisdiction`, `arrangement_type` and `kind` set where asked, and the
    sections the statutory regime they make requires, as placeholders.

    `kind` is written only when the schema has that key: a starter must pass the schema it is checked by.
    A combination no regime allows (an integration scheme in England) is refused with the one that works."""
    jurisdiction, arrangement = _regime(jurisdiction, arrangement, kind)
    text = resources.files("agreement_builder.templates").joinpath("starter.yaml").read_text(encoding="utf-8")
    settings = {"jurisdiction": jurisdiction, "arrangement_type": arrangement}
    if "kind" in _agreement_keys():
        settings["kind"] = kind
    for key, value in settings.items():
        if value is not None:
            text = _set(text, key, value)
    return _for_regime(text, {key: value for key, value in settings.items() if value is not None})


_ACT_2014 = "the Public Bodies (Joint Working) (Scotland) Act 2014"
_IN_ENGLAND = "; in England, --jurisdiction england --arrangement pooled_budget drafts a section 75 agreement"


def _regime(jurisdiction: str | None, arrangement: str | None,
            kind: str | None) -> tuple[str | None, str | None]:
    """The jurisdiction and arrangement to write: as asked, or what the other choices leave as the only one
    (Scotland for an integration scheme or an integration joint board; an integration joint board for a scheme).

    Raises ``UsageError`` for a combination the law does not allow, naming the one that works: only Scotland has
    integration schemes (the 2014 Act), each uses an integration joint board or a lead agency, and only such a
    scheme sets up an integration joint board."""
    model = arrangement if arrangement in INTEGRATION_TYPES else "integration_joint_board"
    scheme = f"use --kind integration_scheme --jurisdiction scotland --arrangement {model}"
    what = ("an integration scheme" if kind == "integration_scheme"
            else "an integration joint board" if arrangement == "integration_joint_board" else "")
    if what and jurisdiction not in (None, "scotland"):
        raise UsageError(f"{what} exists only in Scotland, under {_ACT_2014}: {scheme}"
                         + (_IN_ENGLAND if jurisdiction == "england" else ""))
    if kind == "integration_scheme" and arrangement not in (None, model):
        raise UsageError(f"an integration scheme uses an integration joint board or a lead agency, not "
                         f"--arrangement {arrangement}: {scheme} (or lead_agency)")
    if what and kind not in (None, "integration_scheme"):
        raise UsageError(f"an integration joint board is set up only by an integration scheme under {_ACT_2014}, "
                         f"not by --kind {kind}: {scheme}")
    if kind == "integration_scheme":
        arrangement = model
    return "scotland" if what else jurisdiction, arrangement


def _set(text: str, key: str, value: str) -> str:
    """``text`` with ``agreement.KEY`` set to ``value``: its line's value replaced (its comment kept in its column),
    or a line added before `jurisdiction` when the starter has none."""
    block = re.search(r"^agreement:[^\n]*\n(?:(?:[ #][^\n]*)?\n)*", text, re.M)
    if block is None:
        raise UsageError("the starter file has no `agreement:` section to set")
    body = block.group()
    line = re.search(rf"^(  {key}:[ ]*)(\S+)([ ]*)(#[^\n]*)?$", body, re.M)
    if line is not None:
        lead, old, gap, comment = line.groups()
        spaces = " " * max(1, len(old) + len(gap) - len(value)) if comment else ""
        new_body = body[:line.start()] + f"{lead}{value}{spaces}{comment or ''}" + body[line.end():]
    else:
        at = body.find("\n  jurisdiction:") + 1 or len(body)
        new_body = body[:at] + f"  {key}: {value}\n" + body[at:]
    return text[:block.start()] + new_body + text[block.end():]


@dataclass(frozen=True)
class _Part:
    """Lines a statutory regime needs in the starter: ``key`` of top-level ``section`` (its line, and the commented
    alternatives under it, replaced when the starter has it), or the whole section when ``key`` is empty."""

    section: str
    key: str
    lines: str
    arrangements: frozenset[str] = frozenset()  # only for these arrangement types, when given


_POOLED = frozenset({"pooled_budget"})
_REG_9 = frozenset({"integrated_provision", "integrated_team"})
_IJB = frozenset({"integration_joint_board"})
_LEAD_AGENCY = frozenset({"lead_agency"})

_VARIATION = _Part("finance", "variation", '''\
  variation: "[How and when the contributions may be varied or ended]"
''')
_POOLED_FUND = _Part("finance", "pooled_fund", '''\
  pooled_fund:
    host: council                     # the partner that holds the fund and keeps its accounts
    manager: council-lead             # who manages it, an officer of the host: a person's or a post's id
    management: "[How the pooled fund is managed: what it pays for, and how money goes in and out]"
    monitoring: "[What the partners receive to monitor the fund, and how often]"
''', _POOLED)
_COVERED = _Part("boundaries", "persons_covered", '''\
  persons_covered: "[The people the services are for, e.g. adults aged 18 and over who live in the area]"
  services_covered:
    - "[A kind of service the arrangements cover]"
''')
_RESOURCES = _Part("resources", "", '''\
# The staff, goods, services or accommodation each partner provides for the arrangements.
resources:
  - party: council
    kind: staff                       # staff | goods | services | accommodation
    description: "[What the first partner provides]"
  - party: health
    kind: accommodation
    description: "[What the second partner provides]"
''')
_RETAINED = _Part("legal_powers", "retained_functions", '''\
  retained_functions:                 # the partner's own functions it exercises alongside the delegated ones
    - "[A function the partner keeps and exercises alongside those delegated to it]"
''')

# The sections each statutory regime requires that the general starter leaves out (see rules/statutory.py).
_REGIMES: dict[str, tuple[_Part, ...]] = {
    ENGLAND_S75: (_VARIATION, _POOLED_FUND, _COVERED, _RESOURCES, _Part("legal_powers", "functions_covered", '''\
  functions_covered:                  # the functions the arrangements cover, whichever partner exercises them
    - function: "[An NHS function the arrangements cover]"
      party: health
      statutory_basis: "[The provision that confers it]"
    - function: "[A health-related function of the council the arrangements cover]"
      party: council
      statutory_basis: "[The provision that confers it]"
'''), _Part("monitoring", "reports", '''\
  reports:                            # the council's reports to the NHS body on the NHS functions it exercises
    - frequency: quarterly
      by: council
      to: "[Who at the NHS body receives the report]"
      content: "[What the report covers]"
    - frequency: annual
      by: council
      to: "[Who at the NHS body receives the report]"
      content: "[What the report covers]"
''', _REG_9)),
    SCOTLAND_2002: (_VARIATION, _POOLED_FUND, _COVERED, _RESOURCES, _RETAINED, _Part("term", "breach", '''\
  breach: "[What happens when a partner does not do what the agreement requires]"
''')),
    SCOTLAND_INTEGRATION: (
        _Part("agreement", "integration_model", '''\
  integration_model: integration_joint_board
''', _IJB),
        _Part("agreement", "integration_model", '''\
  integration_model: lead_agency_health_board   # or lead_agency_local_authority | lead_agency_both
''', _LEAD_AGENCY),
        _Part("finance", "payment_method", '''\
  payment_method: "[How each partner's payment for the delegated functions is worked out]"
  set_aside: "[How the Health Board works out the sums for the delegated hospital services, or that there are none]"
  overspends_and_underspends: "[Who bears an overspend on the delegated functions, and what happens to an underspend]"
'''),
        _Part("accountability", "operational_delivery", '''\
  operational_delivery: "[How the delegated services are run day to day, by whom, and how they answer for it]"
  clinical_and_care_governance: "[How the quality and safety of the delegated services are overseen]"
'''),
        _Part("accountability", "chief_officer", '''\
  chief_officer: chief-officer        # the post's id (under posts)
''', _IJB),
        _Part("roles", "workforce", '''\
  workforce: "[How the partners plan, develop and support the staff who deliver the delegated services]"
'''),
        _Part("risk", "liability_and_indemnity", '''\
  liability_and_indemnity: "[How claims are handled, and how liability falls between the partners and the board]"
'''),
        _Part("term", "duration", '''\
  review_interval_months: 60          # at most five years between reviews (2014 Act s.44)
'''),
        _Part("bodies", "", '''\
# The integration joint board the scheme sets up, and the voting members each partner nominates.
bodies:
  - id: ijb
    name: "[Name of the integration joint board]"
    kind: integration_joint_board
    membership:
      - party: council
        members: 3                    # change to suit
      - party: health
        members: 3
    chair: "[Which partner nominates the first chair and vice-chair, and how the roles then alternate]"
''', _IJB),
        _Part("bodies", "", '''\
# The integration joint monitoring committee, and the voting members each partner nominates.
bodies:
  - id: monitoring-committee
    name: "[Name of the integration joint monitoring committee]"
    kind: committee
    membership:
      - party: council
        members: 3                    # change to suit
      - party: health
        members: 3
''', _LEAD_AGENCY),
        _Part("posts", "", '''\
# The chief officer of the integration joint board.
posts:
  - id: chief-officer
    title: Chief Officer
    employer: ijb
    description: "[Who employs and manages the chief officer, and to whom they answer]"
''', _IJB),
        replace(_RETAINED, arrangements=_LEAD_AGENCY),
    ),
}


def _for_regime(text: str, settings: dict[str, str]) -> str:
    """``text`` with the sections the statutory regime of ``settings`` (`agreement` keys) requires."""
    agreement = Agreement.from_document(Document("starter", {"agreement": settings}, {}, {}, ""))
    arrangement = settings.get("arrangement_type", "")
    for regime in statutory_packs(agreement):
        for part in _REGIMES[regime]:
            if not part.arrangements or arrangement in part.arrangements:
                text = _put(text, part)
    return text


_TOP = re.compile(r"^(?:#|[A-Za-z_])", re.M)  # a line that ends the section above it


def _put(text: str, part: _Part) -> str:
    """``text`` with ``part`` in place: its key's line replaced, or added at the end of its section; a new section
    goes before `term`."""
    start = re.search(rf"^{part.section}:[^\n]*\n", text, re.M)
    if start is None:
        at = re.search(r"^(?:#[^\n]*\n)*term:", text, re.M)
        if at is None:
            raise UsageError(f"the starter file has no `term:` section to put `{part.section}` before")
        return text[:at.start()] + part.lines + "\n" + text[at.start():]
    end = _TOP.search(text, start.end())
    stop = end.start() if end else len(text)
    body = text[start.end():stop]
    line = re.search(rf"^  {part.key}:[^\n]*\n(?:  #[^\n]*\n)*", body, re.M)
    if line is not None:
        body = body[:line.start()] + part.lines + body[line.end():]
    else:
        content = body.rstrip("\n") + "\n"
        body = content + part.lines + body[len(content):]
    return text[:start.end()] + body + text[stop:]


def samples() -> dict[str, str]:
    """The shipped sample agreements by name (their file name without its suffix), with their file names."""
    folder = resources.files(_SAMPLES)
    return {entry.name.rsplit(".", 1)[0]: entry.name for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith((".yaml", ".json"))}


def sample(name: str) -> bytes:
    """The bytes of the sample called ``name``."""
    names = samples()
    if name not in names:
        raise UsageError(f"no sample '{name}'; the samples are: {', '.join(names)}")
    return resources.files(_SAMPLES).joinpath(names[name]).read_bytes()
