"""arvode.base.yaml: safe YAML that remembers file, line and field of every value."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from arvode import ArvodeError, ClaimError, RulesError
from arvode.base.yaml import MAX_VALUES, Node, load_yaml_file, load_yaml_text


def load(text: str) -> Node:
    return load_yaml_text(text, "f.yaml", ClaimError)


def error(text: str) -> ClaimError:
    with pytest.raises(ClaimError) as info:
        load(text)
    return info.value


# ---------------------------------------------------------------- lines and paths
DOC = """\
official:
  id: p-1
period: 2025-03
events:
  - date: 2025-03-12
    kind: sammantrade
  - {date: 2025-03-13, kind: uppdrag}
"""


def test_every_value_knows_its_line_and_path() -> None:
    root = load(DOC)
    assert (root.line, root.path) == (1, "")
    official_id = root.mapping()["official"].mapping()["id"]
    assert (official_id.value, official_id.line, official_id.path) == ("p-1", 2, "official.id")
    events = root.mapping()["events"].sequence()
    assert events[0].line == 5
    kind = events[0].mapping()["kind"]
    assert (kind.line, kind.path) == (6, "events[0].kind")
    date = events[1].mapping()["date"]
    assert (date.value, date.line, date.path) == (dt.date(2025, 3, 13), 7, "events[1].date")


def test_fail_is_located() -> None:
    kind = load(DOC).mapping()["events"].sequence()[0].mapping()["kind"]
    err = kind.fail("okänd sammanträdestyp")
    assert isinstance(err, ClaimError)
    assert str(err) == "f.yaml:6: events[0].kind: okänd sammanträdestyp"


def test_the_error_type_is_the_callers() -> None:
    with pytest.raises(RulesError):
        load_yaml_text("a: [1", "rules.yaml", RulesError)


def test_date_keys_become_iso_text() -> None:
    root = load("values:\n  2025-01-01: {value: '1173'}\n")
    assert list(root.mapping()["values"].mapping()) == ["2025-01-01"]
    assert root.mapping()["values"].mapping()["2025-01-01"].path == "values.2025-01-01"


def test_merge_keys_are_refused() -> None:
    # YAML 1.2 has no merge key; YAML 1.1's let a few bytes expand without bound.
    err = error("base: &b {organ: socialnamnden}\nevent:\n  <<: *b\n  kind: sammantrade\n")
    assert str(err).startswith("f.yaml:3: event.<<: sammanfogningsnyckeln << finns inte")


# ---------------------------------------------------------------- refused documents
def test_duplicate_key_is_refused_at_the_second_key() -> None:
    err = error("official:\n  id: a\n  id: b\n")
    assert str(err) == "f.yaml:3: official.id: nyckeln finns två gånger"


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        # A tag on a scalar: the safe constructor does not know it.
        ('official:\n  id: !!python/object/apply:os.system "echo hi"\n', 2, "official.id"),
        # On a list or a mapping, where PyYAML would otherwise read plain data.
        ('events: !!python/object/apply:os.system ["echo hi"]\n', 1, "events"),
        ("official: !!python/object:os.system {id: a}\n", 1, "official"),
        ("official: !!python/name:os.system\n", 1, "official"),
        ("x: !!set {a, b}\n", 1, "x"),
        ("x: !custom [1]\n", 1, "x"),
    ],
)
def test_unsafe_and_unknown_tags_are_refused(text: str, line: int, field: str) -> None:
    err = error(text)
    assert err.location is not None
    assert (err.location.line, err.location.field) == (line, field)
    assert "osäker eller okänd YAML" in err.problem


def test_a_python_tag_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    for text in (
        f'x: !!python/object/apply:os.system ["touch {marker}"]\n',
        f'x: !!python/object/apply:os.system "touch {marker}"\n',
        f"x: !!python/object/apply:os.system {{args: [touch {marker}]}}\n",
    ):
        with pytest.raises(ClaimError):
            load(text)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("official: {id: a\nperiod: 2025-03\n", 2, "official"),  # unclosed flow mapping
        ("events:\n  - date: 2025-03-03\n    organ: [socialnamnden\n", 4, "events[0].organ"),
        ('events:\n  - date: 2025-03-03\n    attended: "14:00-16:00\n', 4, "events[0].attended"),
        ("official:\n\tid: a\n", 2, "official"),  # a tab indents nothing in YAML
    ],
)
def test_syntax_errors_name_line_and_field(text: str, line: int, field: str) -> None:
    err = error(text)
    assert err.problem.startswith("ogiltig YAML: ")
    assert err.location is not None
    assert (err.location.file, err.location.line, err.location.field) == ("f.yaml", line, field)


def test_an_impossible_date_is_an_error_not_a_crash() -> None:
    err = error("events:\n  - date: 2025-02-30\n")
    assert str(err).startswith("f.yaml:2: events[0].date: inte ett giltigt värde '2025-02-30'")


def test_an_impossible_date_as_key_is_an_error() -> None:
    err = error("values:\n  2025-02-30: {value: '1'}\n")
    assert err.location is not None
    assert (err.location.line, err.location.field) == (2, "values.2025-02-30")
    assert "inte ett giltigt värde '2025-02-30'" in err.problem


@pytest.mark.parametrize("text", ["true: 1\n", "? [a, b]\n: 1\n", "1.5: x\n"])
def test_keys_must_be_text(text: str) -> None:
    assert "en nyckel måste vara text" in error(text).problem


def test_empty_file() -> None:
    assert str(error("")) == "f.yaml:1: filen är tom"
    assert str(error("# only a comment\n")) == "f.yaml:1: filen är tom"


def test_two_documents_are_refused() -> None:
    assert "ogiltig YAML" in error("a: 1\n---\nb: 2\n").problem


def test_a_recursive_alias_is_refused() -> None:
    err = error("official: &a {id: a, self: *a}\n")
    assert "alias" in err.problem
    assert err.location is not None
    assert err.location.field == "official.self"


def test_an_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [" + ", ".join(['"x"'] * 10) + "]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    start = time.monotonic()
    err = error("\n".join(lines) + "\n")
    assert f"fler än {MAX_VALUES} värden" in err.problem
    assert time.monotonic() - start < 5


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    err = error("a: " + "[" * 1500 + "]" * 1500 + "\n")
    assert "nästlad för djupt (högst 64 nivåer)" in err.problem


# ---------------------------------------------------------------- typed scalars
def scalar(text: str) -> Node:
    return load(f"x: {text}\n").mapping()["x"]


@pytest.mark.parametrize(
    ("text", "expected"), [('"310.50"', Decimal("310.50")), ("28", Decimal(28))]
)
def test_decimal(text: str, expected: Decimal) -> None:
    assert scalar(text).decimal() == expected


def test_decimal_refuses_float_with_a_hint() -> None:
    with pytest.raises(
        ClaimError, match=r"^f\.yaml:1: x: 310\.5 är ett flyttal; skriv talet inom citattecken"
    ):
        scalar("310.5").decimal()


def test_decimal_minimum() -> None:
    with pytest.raises(ClaimError, match=r"x: måste vara minst 0 \(är '-2'\)"):
        scalar('"-2"').decimal()
    assert scalar('"-2"').decimal(minimum=None) == Decimal(-2)


@pytest.mark.parametrize("text", ["yes", "true", "[1]", "~"])
def test_decimal_refuses_non_numbers(text: str) -> None:
    with pytest.raises(ClaimError):
        scalar(text).decimal()


def test_integer() -> None:
    assert scalar("6").integer() == 6
    with pytest.raises(ClaimError, match="väntade ett heltal"):
        scalar('"6"').integer()
    with pytest.raises(ClaimError, match="väntade ett heltal"):
        scalar("true").integer()
    with pytest.raises(ClaimError, match="måste vara minst 0"):
        scalar("-1").integer()


def test_boolean() -> None:
    assert scalar("true").boolean() is True
    with pytest.raises(ClaimError, match="väntade true eller false"):
        scalar('"true"').boolean()


def test_date() -> None:
    assert scalar("2025-03-12").date() == dt.date(2025, 3, 12)
    assert scalar('"2025-03-12"').date() == dt.date(2025, 3, 12)
    with pytest.raises(ClaimError, match="fick datum och klockslag"):
        scalar("2025-03-12 10:00:00").date()
    with pytest.raises(ClaimError, match="väntade ett datum ÅÅÅÅ-MM-DD"):
        scalar('"12/3 2025"').date()


def test_text() -> None:
    assert scalar(" p-1042 ").text() == "p-1042"
    assert scalar("1042").text() == "1042"
    with pytest.raises(ClaimError, match="väntade text"):
        scalar('""').text()
    with pytest.raises(ClaimError, match="väntade text"):
        scalar("[a]").text()


@pytest.mark.parametrize(
    ("text", "expected"),
    [('"1/8"', Fraction(1, 8)), ('"0.25"', Fraction(1, 4)), ("1", Fraction(1))],
)
def test_fraction(text: str, expected: Fraction) -> None:
    assert scalar(text).fraction() == expected


@pytest.mark.parametrize("text", ['"a/b"', '"1/0"', '"-1/8"', "0.125"])
def test_fraction_refused(text: str) -> None:
    with pytest.raises(ClaimError):
        scalar(text).fraction()


# ---------------------------------------------------------------- mapping helpers
def test_require_names_the_missing_field() -> None:
    node = load("official:\n  name: Anna\n").mapping()["official"]
    with pytest.raises(ClaimError) as info:
        node.require("id")
    assert str(info.value) == "f.yaml:2: official.id: obligatoriskt fält saknas"


def test_require_treats_null_as_missing() -> None:
    node = load("official:\n  id:\n").mapping()["official"]
    with pytest.raises(ClaimError, match=r"official\.id: obligatoriskt fält saknas"):
        node.require("id")


def test_check_keys_lists_what_is_allowed() -> None:
    node = load("official:\n  id: a\n  nmae: Anna\n").mapping()["official"]
    with pytest.raises(ClaimError) as info:
        node.check_keys({"id", "name"})
    assert str(info.value) == "f.yaml:3: official.nmae: okänt fält (ett av: id, name)"


def test_mapping_and_sequence_type_errors() -> None:
    root = load("a: [1]\nb: {c: 1}\n")
    with pytest.raises(ClaimError, match=r"a: väntade en mappning \(fält: värde\), fick en lista"):
        root.mapping()["a"].mapping()
    with pytest.raises(ClaimError, match="b: väntade en lista, fick en mappning"):
        root.mapping()["b"].sequence()


def test_plain_strips_the_wrappers() -> None:
    assert load("a: [1, {b: x}]\n").plain() == {"a": [1, {"b": "x"}]}


# ---------------------------------------------------------------- files
def test_load_yaml_file(tmp_path: Path) -> None:
    path = tmp_path / "claim.yaml"
    path.write_text("official:\n  id: å\n", encoding="utf-8")
    node = load_yaml_file(path, ClaimError)
    assert node.mapping()["official"].mapping()["id"].value == "å"
    assert node.file == str(path)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nothing.yaml"
    with pytest.raises(ClaimError) as info:
        load_yaml_file(path, ClaimError)
    assert str(info.value) == f"{path}: filen finns inte"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("namn: Piteå\n".encode("latin-1"))
    with pytest.raises(ClaimError, match="inte UTF-8"):
        load_yaml_file(path, ClaimError)


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ArvodeError, match="kan inte läsas"):
        load_yaml_file(tmp_path, ClaimError)
