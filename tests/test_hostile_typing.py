"""Hostile and mistaken input: YAML 1.1's silent retyping is gone (YAML 1.2 core schema).

PyYAML reads YAML 1.1, where ``hours: 6:30`` is 390 (sexagesimal) and paid as such,
``km: 036`` is octal 30, ``0x10`` is 16 and an id ``0042`` is the number 34. arvode
now types plain scalars by the YAML 1.2 core schema, keeps each scalar's text as
written, and its numeric readers refuse a form a person could misread.
"""

from __future__ import annotations

import datetime as dt
import glob
import textwrap
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from arvode import Claim, ClaimError, Rules, claim_from_text
from arvode.base import yaml as arvode_yaml
from arvode.base.money import UnquotedNumber
from arvode.base.yaml import Node, load_yaml_text
from arvode.claims.batch import load_batch

Parse = Callable[[str], Claim]


def load(text: str) -> Node:
    return load_yaml_text(text, "f.yaml", ClaimError)


def scalar(text: str) -> Node:
    return load(f"x: {text}\n").mapping()["x"]


def refused(parse: Callable[[], object]) -> ClaimError:
    with pytest.raises(ClaimError) as info:
        parse()
    return info.value


# ---------------------------------------------------------------- the core schema
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # YAML 1.1 read these as numbers, booleans or dates; 1.2 core reads text.
        ("6:30", "6:30"),
        ("190:20:30", "190:20:30"),
        ("0x10", "0x10"),
        ("0o17", "0o17"),
        ("0b101", "0b101"),
        ("1_000", "1_000"),
        ("1_000.5", "1_000.5"),
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("n", "n"),
        ("tRUE", "tRUE"),
        ("2025-3-12", "2025-3-12"),
        ("2025-03-12 10:00:00", "2025-03-12 10:00:00"),
        ("ja", "ja"),
        ("<<", "<<"),
        ("=", "="),
        # What 1.2 core does type.
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("FALSE", False),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("", None),
        ("42", 42),
        ("+42", 42),
        ("-7", -7),
        ("0", 0),
        ("036", 36),  # decimal, and refused by the numeric readers (below)
        # a float of the core schema is kept as its text, never converted (money never passes
        # through a binary float); every numeric reader refuses it
        ("310.5", UnquotedNumber("310.5")),
        ("1e3", UnquotedNumber("1e3")),
        (".5", UnquotedNumber(".5")),
        ("-.inf", UnquotedNumber("-.inf")),
        ("2025-03-12", dt.date(2025, 3, 12)),
    ],
)
def test_plain_scalars_follow_the_core_schema(text: str, expected: Any) -> None:
    node = scalar(text)
    assert node.value == expected
    assert type(node.value) is type(expected)
    assert node.raw == text


@pytest.mark.parametrize("text", ['"true"', "'42'", '"~"', "'2025-03-12'", '"6:30"', "! 42",
                                  "!!str 42", "|\n  42\n"])
def test_quoted_and_str_tagged_scalars_are_text(text: str) -> None:
    assert isinstance(scalar(text).value, str)


def test_nan_is_an_unquoted_number_never_a_float() -> None:
    value = scalar(".nan").value
    assert value == UnquotedNumber(".nan")
    assert not isinstance(value, float)


@pytest.mark.parametrize("tag", ["!!int", "!!float", "!!bool", "!!timestamp", "!!binary"])
def test_other_scalar_tags_are_refused(tag: str) -> None:
    assert "osäker eller okänd YAML-tagg" in refused(lambda: scalar(f"{tag} 5")).problem


def test_a_datetime_is_still_refused_as_a_date() -> None:
    with pytest.raises(ClaimError, match="fick datum och klockslag"):
        scalar("2025-03-12T10:00:00").date()


# ---------------------------------------------------------------- text as written
@pytest.mark.parametrize(
    ("text", "expected"),
    [("0042", "0042"), ("42", "42"), ("+42", "+42"), ("2.10", "2.10"), ("1e3", "1e3"),
     ("0x10", "0x10"), ('"0042"', "0042")],
)
def test_text_is_as_written(text: str, expected: str) -> None:
    assert scalar(text).text() == expected


def test_integer_keys_are_as_written() -> None:
    assert list(load("0042: a\n42: b\n").mapping()) == ["0042", "42"]


CLAIM = """\
official:
  id: {id}
  home_distance_km: 14
period: 2025-03
events:
  - date: 2025-03-12
    organ: socialnamnden
    kind: sammantrade
    called: "13:00-16:00"
    travel: {{km: {km}}}
    serving: {serving}
"""


def test_a_claim_id_0042_is_0042(claim: Parse) -> None:
    assert claim(CLAIM.format(id="0042", km="28", serving="true")).official.id == "0042"
    assert claim(CLAIM.format(id="42", km="28", serving="true")).official.id == "42"


def test_a_register_id_0042_is_not_employee_34(rules: Rules, tmp_path: Path) -> None:
    (tmp_path / "register.yaml").write_text(textwrap.dedent("""\
        officials:
          - official: {id: 0042, assignments: [{role: kultur_och_fritidsnamnden.ordforande, from: 2023-01-01}]}
          - official: {id: 42}
          - official: {id: 034}
    """), encoding="utf-8")
    batch = load_batch([tmp_path / "register.yaml"], rules)
    assert [entry.official.id for entry in batch.register] == ["0042", "42", "034"]


# ---------------------------------------------------------------- numbers a person could misread
VALFORRATTNING = """\
official:
  id: v-0913
  home_distance_km: 12
period: 2026-09
events:
  - date: 2026-09-13
    kind: valforrattning
    election_role: ordforande
    hours: {hours}
"""


def test_hours_6_30_is_refused_with_the_decimal_form(claim: Parse) -> None:
    # YAML 1.1 read 390 hours here, paying 93 787,20 kr.
    err = refused(lambda: claim(VALFORRATTNING.format(hours="6:30")))
    assert str(err) == (
        'test.yaml:9: events[0].hours: 6:30 ser ut som ett klockslag; timmar skrivs som '
        'decimaltal, t.ex. "6.5"'
    )


@pytest.mark.parametrize(("hours", "example"), [("6:45", "6.75"), ("13:00", "13"),
                                                 ("6:20", "6.5"), ("1:02:03", "6.5")])
def test_a_time_of_day_shows_its_hours(claim: Parse, hours: str, example: str) -> None:
    err = refused(lambda: claim(VALFORRATTNING.format(hours=hours)))
    assert f't.ex. "{example}"' in err.problem


def test_the_hours_as_written_are_paid(claim: Parse) -> None:
    assert claim(VALFORRATTNING.format(hours='"6.5"')).events[0].hours == Decimal("6.5")


@pytest.mark.parametrize(
    ("km", "problem"),
    [
        ("036", "036: en inledande nolla gör talet tvetydigt (YAML 1.1 läste det som det "
                "oktala talet 30); skriv 36"),
        ("089", "089: en inledande nolla gör talet tvetydigt; skriv 89"),
        ('"036"', "skriv 36"),
        ("007.5", 'skriv "7.5"'),
        ("00", "skriv 0"),
        ("-036", "skriv -36"),
        ("0x10", "0x10 ser ut som ett hexadecimalt tal; skriv talet decimalt: 16"),
        ("0o17", "0o17 ser ut som ett oktalt tal; skriv talet decimalt: 15"),
        ("0b101", "ett binärt tal; skriv talet decimalt: 5"),
        ("0x" + "f" * 40, "ett hexadecimalt tal; skriv talet decimalt"),
        ("1_000", "1_000: skriv talet utan understreck: 1000"),
        ('"1_000.50"', 'skriv talet utan understreck: "1000.50"'),
    ],
)
def test_ambiguous_numbers_are_refused_at_their_line(claim: Parse, km: str, problem: str) -> None:
    err = refused(lambda: claim(CLAIM.format(id="p-1", km=km, serving="true")))
    assert err.location is not None
    assert (err.location.file, err.location.line, err.location.field) == (
        "test.yaml", 10, "events[0].travel.km")
    assert problem in err.problem


@pytest.mark.parametrize(("km", "expected"), [("0", Decimal(0)), ("28", Decimal(28)),
                                               ('"0.5"', Decimal("0.5")), ('"10.25"',
                                                                          Decimal("10.25"))])
def test_unambiguous_numbers_are_read(claim: Parse, km: str, expected: Decimal) -> None:
    travel = claim(CLAIM.format(id="p-1", km=km, serving="true")).events[0].travel
    assert travel is not None
    assert travel.km == expected


def test_money_and_integer_refuse_the_same_forms() -> None:
    with pytest.raises(ClaimError, match="skriv 7"):
        scalar("07").integer()
    with pytest.raises(ClaimError, match="hexadecimalt"):
        scalar("0x10").integer()
    with pytest.raises(ClaimError, match=r'skriv "310\.50"'):
        scalar('"0310.50"').money()
    with pytest.raises(ClaimError, match="klockslag"):
        scalar("6:30").money()
    assert scalar("0").integer() == 0
    assert scalar('"0.50"').money() == Decimal("0.50")


def test_a_float_is_still_refused_with_its_hint() -> None:
    with pytest.raises(ClaimError, match=r"310\.5 är ett flyttal; skriv talet inom citattecken"):
        scalar("310.5").money()


# ---------------------------------------------------------------- booleans
@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "ON", "y", "n"])
def test_yaml11_booleans_are_refused_with_the_words_to_use(word: str) -> None:
    err = refused(lambda: scalar(word).boolean())
    assert err.problem == (
        f"{word} är inte sant eller falskt i YAML 1.2: skriv true eller false (eller ja/nej)"
    )


@pytest.mark.parametrize(("word", "expected"), [("ja", True), ("Ja", True), ("JA", True),
                                                 ("nej", False), ("Nej", False),
                                                 ('"ja"', True), ("true", True),
                                                 ("false", False)])
def test_ja_and_nej_are_booleans(word: str, expected: bool) -> None:
    assert scalar(word).boolean() is expected


def test_a_claim_may_say_nej(claim: Parse) -> None:
    assert claim(CLAIM.format(id="p-1", km="28", serving="nej")).events[0].serving is False
    with pytest.raises(ClaimError, match=r"yes är inte sant eller falskt"):
        claim(CLAIM.format(id="p-1", km="28", serving="yes"))


# ---------------------------------------------------------------- both parsers agree
EXAMPLES = sorted(glob.glob(str(Path(__file__).parent.parent / "examples" / "*.yaml")))


def _shape(node: Node) -> Any:
    if isinstance(node.value, dict):
        return {k: (v.line, v.path, v.key_line, _shape(v)) for k, v in node.value.items()}
    if isinstance(node.value, list):
        return [(v.line, v.path, _shape(v)) for v in node.value]
    return (type(node.value), node.value, node.raw)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: Path(p).name)
def test_the_pure_python_parser_builds_the_same_tree(
    path: str, monkeypatch: pytest.MonkeyPatch, rules: Rules
) -> None:
    text = Path(path).read_text(encoding="utf-8")
    with_libyaml = load_yaml_text(text, path, ClaimError)
    monkeypatch.setattr(arvode_yaml, "_CPARSER", None)
    without = load_yaml_text(text, path, ClaimError)
    assert _shape(with_libyaml) == _shape(without)
    claim_from_text(text, rules, path)  # and the claim still validates
