"""The pages' Swedish for the engine's messages: each pattern meets the real engine.

The engine is rewritten on main; if one of its messages changes, the page
would quietly fall back to English. These tests produce each message the way
an official would (a broken claim, a refused event) and require a translation.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from web_helpers import EXAMPLES

from arvode import ArvodeError, Rules, calculate, claim_from_text
from arvode.web.meddelanden import on_swedish

HEAD = "official: {id: p-1}\nperiod: 2025-03\n"


def event(fields: str, head: str = HEAD) -> str:
    return head + "events:\n  - date: 2025-03-12\n    organ: socialnamnden\n" + textwrap.indent(fields, "    ")


SAMMANTRADE = "kind: sammantrade\ncalled: \"13:00-15:00\"\n"

BROKEN = {
    "official:\n  name: Anna\nperiod: 2025-03\n": "Uppgiften saknas.",
    event(SAMMANTRADE + "atended: x\n"): "Okänd uppgift",
    HEAD + "period: 2025-04\n": "står två gånger",
    "official: {id: p-1, name: [1]}\nperiod: 2025-03\n": "Skriv en text.",
    "official: {id: p-1, income: {vacation_pay_loss: kanske}}\nperiod: 2025-03\n": "Ange ja eller nej",
    HEAD + "events:\n  - {date: 2025-03-12 10:00:00, organ: socialnamnden, kind: sammantrade}\n": "utan klockslag",
    HEAD + "events:\n  - {date: 12/3, organ: socialnamnden, kind: sammantrade}\n": "Ange ett datum som ÅÅÅÅ-MM-DD",
    "official: {id: p-1}\nperiod: 2025-03-01\n": "inte ett datum",
    "official: {id: p-1}\nperiod: mars\n": "Ange en månad som ÅÅÅÅ-MM",
    event("kind: sammantrade\ncalled: 1300\n"): "Ange tiden som TT:MM-TT:MM",
    event("kind: sammantrade\ncalled: \"13-15\"\n"): "Ange tiden som TT:MM-TT:MM",
    event("kind: sammantrade\ncalled: \"25:00-16:00\"\n"): "är inga klockslag",
    event("kind: sammantrade\ncalled: \"16:00-13:00\"\n"): "Sluttiden måste vara efter starttiden",
    "official: {id: p-1, assignments: [{role: socialnamnden.ordforande, from: 2025-02-01, to: 2025-01-01}]}\n"
    "period: 2025-03\n": "Slutdatum 2025-01-01 är före startdatum 2025-02-01",
    event(SAMMANTRADE + "travel: {km: \"-2\"}\n"): "Får inte vara negativt",
    "official: {id: p-1, group_leader: {party: S, seats: 0, from: 2025-01-01}}\nperiod: 2025-03\n": "minst 1",
    event(SAMMANTRADE + "lost_vacation_days: \"2\"\n"): "Ange ett heltal.",
    "official: {id: p-1, income: {hourly: \"abc\"}}\nperiod: 2025-03\n": "är inget tal",
    "official: {id: p-1, income: {hourly: \"1E3\"}}\nperiod: 2025-03\n": "utan exponent",
    "official: {id: p-1, income: {hourly: \"NaN\"}}\nperiod: 2025-03\n": "inget ändligt tal",
    "official: {id: p-1, income: {hourly: \"12.345\"}}\nperiod: 2025-03\n": "fler än två decimaler",
    "official: {id: p-1, home_distance_km: \"1000000000000\"}\nperiod: 2025-03\n": "är för stort",
    "official: {id: p-1, income: {hourly: 310.5}}\nperiod: 2025-03\n": "är ett flyttal",
    "official: [\n": "Filen är inte giltig YAML",
    "official: !!python/object/apply:os.system [ls]\n": "Osäker eller okänd YAML-tagg",
    "official: {id: !!python/name:os.system x}\nperiod: 2025-03\n": "Osäker eller okänd YAML-tagg",
    "": "Filen är tom.",
    "a: &a [1, 2]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n": "växer till mer än",
    "a: &a [*a]\n": "pekar på sig självt",
    HEAD + "events:\n  - {date: 2025-02-30, organ: socialnamnden, kind: sammantrade}\n": "inget giltigt värde",
    "official: 5\nperiod: 2025-03\n": "en mappning",
    HEAD + "events: 5\n": "en lista",
    "? [a]\n: 1\n": "ett fältnamn måste vara text",
    "official: {id: p-1, assignments: [{role: kung, from: 2025-01-01}]}\nperiod: 2025-03\n": "Okänt uppdrag 'kung'",
    "official: {id: p-1, special_decisions: [{percent: \"50\", from: 2025-01-01, covers: [kung], "
    "reference: KS}]}\nperiod: 2025-03\n": "Okänt uppdrag 'kung'",
    "official: {id: p-1, group_leader: {party: S, seats: 3, share: \"2\", from: 2025-01-01}}\n"
    "period: 2025-03\n": "högst 1",
    "official: {id: p-1, absences: [{from: 2025-01-01, reason: sjukdom}]}\nperiod: 2025-03\n": "både från- och till",
    "official: {id: p-1, absences: [{from: 2025-01-01, to: 2025-01-09, reason: semester}]}\n"
    "period: 2025-03\n": "Okänd orsak",
    event(SAMMANTRADE + "lost_income: {hours: \"2\", amount: \"3\"}\n"): "inte flera",
    event(SAMMANTRADE + "lost_income: {unknown_amount: false}\n"): "anges bara när",
    event("kind: fest\n"): "Okänd typ av möte 'fest'",
    HEAD + "events:\n  - {date: 2025-03-12, organ: bolaget, kind: sammantrade}\n": "Okänt organ 'bolaget'",
    event("kind: sammantrade\n"): "Ange tid enligt kallelse",
    event(SAMMANTRADE + "reported: 2025-03-01\n"): "Rapporteringsdagen 2025-03-01 är före",
    HEAD + "events:\n  - {date: 2025-04-02, organ: socialnamnden, kind: sammantrade, called: \"13:00-15:00\"}\n":
        "är efter månaden",
    event("kind: valforrattning\nelection_role: kung\n"): "Okänd roll vid valförrättning",
    event(SAMMANTRADE + "hours: \"3\"\n"): "Timmar anges bara för valförrättning",
    "official: {id: p-1}\nperiod: 2024-12\nevents:\n  - {date: 2024-12-02, organ: socialnamnden, "
    "kind: sammantrade, called: \"13:00-15:00\"}\n": "Inga regler gäller 2024-12-02",
    event(SAMMANTRADE + "childcare_hours: \"2\"\n"): "Regelverket anger inget belopp för",
}


@pytest.mark.parametrize(("text", "swedish"), BROKEN.items(), ids=list(BROKEN.values()))
def test_each_problem_the_engine_gives_has_its_swedish(rules: Rules, text: str, swedish: str) -> None:
    with pytest.raises(ArvodeError) as caught:
        calculate(claim_from_text(text, rules, "test.yaml"), rules)
    message, translated = on_swedish(caught.value.problem)
    assert translated, caught.value.problem
    assert swedish in message


REFUSED = {
    event(SAMMANTRADE + "paid_by_other: true\n"): "ersätts av någon annan",
    event("kind: partigruppmote\nattended: \"18:00-19:00\"\n").replace("socialnamnden", "kommunfullmaktige"):
        "ange for_meeting (sammanträdets datum)",
    event(SAMMANTRADE + "lost_income: {hours: \"2\"}\n"): "ange styrkt timlön eller årsinkomst (2.2.2)",
    event(SAMMANTRADE + "lost_income: {unknown_amount: true}\n"): "ange årsinkomst (2.2.2)",
    event(SAMMANTRADE + "travel: {km: \"20\"}\n"): "ange avståndet hem–möteslokal",
    event(SAMMANTRADE + "travel: {hours: \"1\"}\n"): "ange avståndet hem–möteslokal",
    event(SAMMANTRADE + "lost_vacation_days: 1\n"): "En förlorad semesterdag värderas efter lönen",
    event(SAMMANTRADE + "reported: 2025-10-01\n"): "rapporterad 2025-10-01, mer än 6 månader efter 2025-03-12",
    event(SAMMANTRADE + "lost_vacation_days: 1\nreported: 2027-10-01\n",
          "official: {id: p-1, income: {hourly: \"300.00\"}}\nperiod: 2025-03\n"):
        "Förlorad semesterdag (3.2 b): rapporterad 2027-10-01, mer än 24 månader",
}


@pytest.mark.parametrize(("text", "swedish"), REFUSED.items(), ids=list(REFUSED.values()))
def test_each_refusal_reason_has_its_swedish(rules: Rules, text: str, swedish: str) -> None:
    result = calculate(claim_from_text(text, rules, "test.yaml"), rules)
    assert result.rejected
    translated = [on_swedish(r.reason) for r in result.rejected]
    assert all(ok for _, ok in translated), [r.reason for r in result.rejected]
    assert any(swedish in message for message, _ in translated)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.expected.json")), ids=lambda p: p.name)
def test_every_refusal_of_the_examples_has_its_swedish(path: Path) -> None:
    for refusal in json.loads(path.read_text(encoding="utf-8"))["rejected"]:
        assert on_swedish(refusal["reason"])[1], refusal["reason"]


def test_events_are_counted_from_one_on_the_page() -> None:
    message, _ = on_swedish(
        "at most one partigruppmöte per KF sammanträde: event 3 already prepares the sammanträde of 2025-03-24"
    )
    assert "händelse 4 förbereder redan sammanträdet 2025-03-24" in message


def test_an_unknown_message_is_kept_as_the_engine_wrote_it() -> None:
    assert on_swedish("something new <b>") == ("something new <b>", False)
