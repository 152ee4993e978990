"""A small agreement written in every word of the clause templates' vocabulary, read into a `Draft`, for the
tests of the reader and the writers (the shipped templates do not use every word yet)."""

from __future__ import annotations

from agreement_builder.document import Draft, Meta, Reader, Rendered, Section, root_of

FRONT = """<front><cover><title>Demo Agreement</title><line>This agreement is made between:</line>
<party><b>Alpha Council</b></party><party><b>Beta Health Board</b></party>
<control><row><label>Version</label><v>0.4</v></row><row><label>Status</label>Draft for discussion</row></control>
</cover><contents><heading>Contents</heading></contents></front>"""

OPENING = """<section key="opening" numbered="no">
<para>THIS AGREEMENT is dated <bracket note="Insert the date on which the last Party signs."
 source="briefing: Structures"/></para>
<subheading>Parties</subheading>
<party><b>Alpha Council</b>, a council constituted under
<v>section 2 of the Local Government etc. (Scotland) Act 1994</v></party>
<party><b>Beta Health Board</b>, <bracket>legal status: <v>to be
confirmed</v></bracket></party>
<subheading>Background</subheading>
<recital>The Parties are satisfied that <ref clause="law"/> applies and that <ref annex="functions"/>
lists the functions.</recital>
<recital><v>A recital the user wrote,
wrapped in YAML.

Its second paragraph.</v></recital>
<para>IT IS AGREED as follows:</para>
</section>"""

DEFINITIONS = """<section key="definitions"><heading>Definitions</heading>
<clause id="defs">In this agreement: <v>one line
wrapped by YAML

and a new paragraph</v>
<item id="def-a">first item <v>with a

second paragraph</v></item><item>second, see <ref clause="law-b"/> and <ref schedule="money"/></item></clause>
<note rule="AB101" severity="error" source="SI 2000/617 reg. 7(3)(f)">Insert the duration of the agreement.</note>
</section>"""

LAW = """<section key="law"><heading>Governing law</heading>
<clause id="law">This agreement is governed by the law of Scotland; see <ref section="definitions"/>.</clause>
<clause>Subject to <ref clause="law"/>, <ref clause="def-a"/> and <ref clause="sch-p1"/>:
<item id="law-b">the courts of <bracket>Scotland</bracket> decide.</item></clause>
</section>"""

SIGNATURES = """<section key="signatures"><heading>Signatures</heading>
<signatory><field><label>Signed for</label>Alpha Council</field><field><label>Signature</label></field>
<caption>in the presence of:</caption><field><label>Witness</label></field></signatory></section>"""

SCHEDULE = """<section key="money"><heading>Contributions</heading>
<clause id="sch-p1">The Parties pay as follows:<item id="sch-p1a">Alpha: <v>£1,850,000</v></item></clause>
<table><col width="2">Party</col><col width="1">Amount</col>
<row><cell>Alpha Council</cell><cell><v>£1,850,000

(in two parts)</v></cell></row></table></section>"""

ANNEX = """<section key="functions" kind="annex"><heading>Functions delegated</heading>
<para>See <ref schedule="money"/> and <ref clause="sch-p1a"/>.</para>
<table><col width="1">Enactment</col><row><cell>Social Work (Scotland) Act 1968</cell></row></table></section>"""


def element(xml: str, name: str = "test.xml.j2"):  # type: ignore[no-untyped-def]
    root = root_of(Rendered(name, xml))
    assert root is not None
    return root


def reader(annotate: bool = True) -> Reader:
    read = Reader({"definitions": "1", "law": "2"}, {"money": "1"}, {"functions": "1"}, annotate=annotate)
    read.template = "test.xml.j2"
    return read


def section(xml: str, number: str = "1", kind: str | None = None, annotate: bool = True) -> Section:
    """One section read on its own (it may refer only to what it defines itself)."""
    read = reader(annotate)
    return read.finish(Draft(Meta("T"), (), (), (read.section(element(xml), number, (), "clause-x", kind),), None,
                             ())).sections[0]


def demo(annotate: bool = True) -> Draft:
    """The demo agreement: opening, two clauses, signatures, a schedule and an annex."""
    read = reader(annotate)
    front = element(FRONT)
    opening = read.section(element(OPENING), "", (), "opening")
    body = tuple(read.section(element(xml), str(i), (), f"clause-{key}")
                 for i, (xml, key) in enumerate(((DEFINITIONS, "definitions"), (LAW, "law")), 1))
    signatures = read.section(element(SIGNATURES), "", (), "signatures")
    schedules = (read.section(element(SCHEDULE), "1", (), "schedule-money", "schedule"),)
    annexes = (read.section(element(ANNEX), "1", (), "annex-functions"),)
    return read.finish(Draft(Meta("Demo Agreement", version="0.4", date="2025-04-01"), read.cover(front[0]),
                             read.contents(front[1]), body, signatures, schedules, opening, annexes))


WIDE = """<section key="wide"><heading>A wide register</heading><para>Every column holds a long word.</para>
<table>{cols}<row>{cells}</row></table></section>"""


def wide(columns: int = 5) -> Draft:
    """The demo agreement with a schedule too wide for an upright page, between two upright ones."""
    words = [f"Column{i}Interdepartmental" for i in range(columns)]
    xml = WIDE.format(cols="".join(f'<col width="1">{w}</col>' for w in words),
                      cells="".join(f"<cell>{w}</cell>" for w in words))
    draft = demo()
    read = reader()
    turned = read.section(element(xml), "2", (), "schedule-wide", "schedule")
    last = read.section(element(WIDE.format(cols='<col width="1">Party</col>', cells="<cell>Alpha</cell>")), "3", (),
                        "schedule-last", "schedule")
    return draft._replace(schedules=(draft.schedules[0], turned, last), annexes=())
