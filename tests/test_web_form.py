"""The check page's form and the claim format: field names, values, errors' places."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from web_helpers import EXAMPLES, form_items, jsonable

from arvode import ArvodeError, Rules, calculate, claim_from_text, load_claim
from arvode.web import engine
from arvode.web.fil import claim_yaml, file_name, read_claim_file
from arvode.web.form import blank_state, claim_data, from_claim_data, from_form_items, place_error, targets


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_survives_the_form_and_the_download(rules: Rules, path: Path) -> None:
    expected = calculate(load_claim(path, rules), rules).as_json()
    state = from_form_items(form_items(from_claim_data(yaml.safe_load(path.read_text(encoding="utf-8")))))
    data = claim_data(state)
    assert engine.check(data, rules).as_json() == expected
    text, reread = read_claim_file(claim_yaml(data).encode())
    assert text is not None
    assert reread is not None
    assert calculate(claim_from_text(text, rules), rules).as_json() == expected


def test_the_participation_choice_survives_a_download() -> None:
    events = [{"date": "2025-03-03"}, {"date": "2025-03-04", "serving": True},
              {"date": "2025-03-05", "serving": False},
              {"date": "2025-03-06", "serving": False, "specially_called": True}]
    state = from_claim_data({"official": {"id": "p"}, "period": "2025-03", "events": events})
    assert [row["participation"] for row in state.rows["events"]] == [
        "ledamot", "ersattare", "ersattare_ej", "sarskilt_kallad"]
    assert claim_data(state)["events"] == events


def test_empty_inputs_say_nothing_and_blank_rows_are_no_events() -> None:
    state = from_form_items([
        ("official.id", " p-1 "), ("official.name", ""), ("period", "2025-03"),
        ("events[0].date", ""), ("events[0].participation", "ledamot"),
        ("events[3].date", "2025-03-12"), ("events[3].kind", "sammantrade"),
        ("events[3].travel.km", "1 234,5"), ("events[3].lost_vacation_days", "2"),
        ("events[3].free_time", "ja"), ("unknown", "x"), ("events[99999].date", "x"),
    ])
    state.drop_blank_rows()
    assert claim_data(state) == {
        "official": {"id": "p-1"},
        "period": "2025-03",
        "events": [{"date": "2025-03-12", "kind": "sammantrade", "free_time": True,
                    "travel": {"km": "1 234.5"}, "lost_vacation_days": 2}],
    }


def test_a_value_that_is_no_whole_number_goes_to_the_parser_as_typed(rules: Rules) -> None:
    state = from_form_items([("official.id", "p"), ("period", "2025-03"), ("events[0].date", "2025-03-02"),
                             ("events[0].kind", "sammantrade"), ("events[0].organ", "socialnamnden"),
                             ("events[0].called", "13:00-14:00"), ("events[0].lost_vacation_days", "2,5")])
    with pytest.raises(ArvodeError) as caught:
        engine.check(claim_data(state), rules)
    assert caught.value.location is not None
    assert caught.value.location.field == "events[0].lost_vacation_days"


@pytest.mark.parametrize(
    ("field", "place"),
    [
        ("events[0].attended", "events[0].attended"),
        ("events[0].serving", "events[0].participation"),
        ("events[0].lost_income", "events[0].lost_income"),
        ("events[0].lost_income.hours", "events[0].lost_income.hours"),
        ("events[0].travel.km", "events[0].travel.km"),
        ("events[0]", "events[0]"),
        ("events[7].date", "events"),
        ("official.special_decisions[0].covers[1]", "official.special_decisions[0].covers"),
        ("official.income", "official.income"),
        ("official.group_leader.seats", "official.group_leader.seats"),
        ("official", "official"),
        ("period", "period"),
        (None, ""),
        ("nonsense.deep[3]", ""),
    ],
)
def test_an_error_is_placed_at_its_input_or_the_nearest_part(field: str | None, place: str) -> None:
    state = from_claim_data({"official": {"id": "p", "special_decisions": [{}]}, "events": [{}]})
    assert place_error(field, targets(state)) == place


def test_every_problem_is_found_and_placed_at_the_claims_path(rules: Rules) -> None:
    data = {"official": {"id": "p", "income": {"hourly": "x"}}, "period": "2025-03",
            "events": [{"date": "2025-03-02", "kind": "sammantrade", "organ": "socialnamnden",
                        "called": "13:00-14:00"},
                       {"date": "2025-03-03", "kind": "fest"},
                       {"date": "2025-03-04", "kind": "sammantrade", "organ": "socialnamnden",
                        "called": "25:00-26:00"}]}
    with pytest.raises(ArvodeError) as caught:
        engine.check(data, rules)
    problems = engine.form_problems(data, rules, engine.Problem.of(caught.value))
    assert [p.field for p in problems] == [
        "official.income.hourly", "events[1].kind", "events[2].called"]


def test_text_the_yaml_reader_treats_specially_reaches_the_claim_unchanged(rules: Rules) -> None:
    name = "Anna Åström <b>&amp;</b> 'x' \"y\" #z: - [1]"
    claim = claim_from_text(engine.claim_text({"official": {"id": "p", "name": name}, "period": "2025-03"}), rules)
    assert claim.official.name == name


def test_a_name_with_control_characters_is_refused_at_its_field(rules: Rules) -> None:
    # Issue #11: control and separator characters cannot belong in a name (U+2028, U+0085).
    text = engine.claim_text({"official": {"id": "p", "name": "Anna\u2028Andersson \u0085"}, "period": "2025-03"})
    with pytest.raises(ArvodeError) as caught:
        claim_from_text(text, rules)
    assert caught.value.location is not None
    assert caught.value.location.field == "official.name"


def test_the_file_name_has_only_safe_characters() -> None:
    assert file_name({"official": {"id": "p-1042"}, "period": "2025-03"}) == "ersattning-p-1042-2025-03.yaml"
    assert file_name({"official": {"id": '../"x"\r\n'}, "period": "2025/03"}) == "ersattning-x-2025_03.yaml"
    assert file_name({}) == "ersattning.yaml"


def test_the_downloaded_file_writes_dates_as_dates_and_numbers_quoted() -> None:
    text = claim_yaml({"official": {"id": "p", "income": {"hourly": "310.00"}}, "period": "2025-03",
                       "events": [{"date": "2025-03-12", "called": "13:00-17:00", "organ": "2025-01-01"}]},
                      )
    assert text.startswith("# Ersättningsanspråk")
    assert "hourly: '310.00'" in text
    assert "- date: 2025-03-12\n" in text
    assert "organ: '2025-01-01'" in text  # only date fields become dates
    assert jsonable(yaml.safe_load(text))["events"][0]["called"] == "13:00-17:00"


def test_a_fresh_page_offers_one_empty_event() -> None:
    state = blank_state()
    assert len(state.rows["events"]) == 1
    assert claim_data(state)["events"] == [{}]
