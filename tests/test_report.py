"""arvode.output.report: the text table for people and the JSON of the contract."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from arvode import Line, Rejection, Result
from arvode.output.report import render_json, render_text

DAY = dt.date(2025, 3, 12)
RESULT = Result(
    "p-1042",
    "2025-03",
    (
        Line(
            "sammantradesersattning",
            Decimal("1173.00"),
            "2.2.1",
            "Sammanträde över 1 timme: 1/1 × 1 173,00 kr",
            DAY,
            0,
        ),
        Line(
            "forrattningsersattning",
            Decimal("0.00"),
            "2.2.1",
            "Protokolljustering; dagstak",
            DAY,
            1,
        ),
        Line("forlorad_pensionsforman", Decimal("62.78"), "4.2", "4,5 % × 1 395,00 kr"),
    ),
    (Rejection(4, "2.1.2", "högst ett partigruppmöte per KF sammanträde", dt.date(2025, 3, 15)),),
)


def test_render_json_is_the_contract() -> None:
    data = json.loads(render_json(RESULT))
    assert data == RESULT.as_json()
    assert data["totals"] == {
        "sammantradesersattning": "1173.00",
        "forrattningsersattning": "0.00",
        "forlorad_pensionsforman": "62.78",
        "total": "1235.78",  # 1173.00 + 0.00 + 62.78
    }


def test_render_json_keeps_swedish_letters() -> None:
    text = render_json(RESULT)
    assert "Sammanträde" in text
    assert "\\u00e4" not in text


def test_render_json_of_several_claims_is_a_list() -> None:
    data = json.loads(render_json([RESULT, RESULT]))
    assert isinstance(data, list)
    assert len(data) == 2
    assert data[0]["official"] == "p-1042"


def test_render_text() -> None:
    text = render_text(RESULT, "Anna Andersson", width=120)
    rows = text.splitlines()
    assert rows[0] == "p-1042 Anna Andersson — mars 2025"
    assert rows[2].split() == ["Nr", "Datum", "Organ", "Typ", "Belopp", "Avsnitt"]
    # each line: event from 1, date, type by its Swedish name, amount the Swedish way, section;
    # the arithmetic on the row below
    line0 = next(r for r in rows if "Sammanträdesersättning" in r and "2025-03-12" in r)
    assert line0.split()[0] == "1"
    assert "1 173,00 kr" in line0
    assert line0.endswith("2.2.1")
    assert rows[rows.index(line0) + 1].strip() == "Sammanträde över 1 timme: 1/1 × 1 173,00 kr"
    monthly = next(r for r in rows if "Förlorad pensionsförmån" in r and "4.2" in r)
    assert "62,78 kr" in monthly
    assert "Ej ersatt (betalas inte; skälet står under raden):" in rows
    refused = next(r for r in rows if r.split()[:2] == ["5", "2025-03-15"])
    assert refused.endswith("2.1.2")
    assert "partigruppmöte" in rows[rows.index(refused) + 1]
    assert rows[-1].split() == ["Summa", "1", "235,78", "kr"]
    assert "forlorad_pensionsforman" not in text  # keys stay in the JSON


def test_render_text_without_name_or_refusals() -> None:
    result = Result("p-1", "2025-04", RESULT.lines[:1], ())
    text = render_text(result)
    assert text.splitlines()[0] == "p-1 — april 2025"
    assert "Ej ersatt" not in text
    assert text.splitlines()[-1].split() == ["Summa", "1", "173,00", "kr"]


def test_render_text_of_an_empty_month() -> None:
    text = render_text(Result("p-1", "2025-04", (), ()))
    assert "Avsnitt" not in text  # no table head without lines
    assert text.splitlines()[-1].split() == ["Summa", "0,00", "kr"]
