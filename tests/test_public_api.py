"""The public surface of ``arvode`` (as httpx tests its ``__all__``)."""

from __future__ import annotations

import types

import pytest

import arvode


def public_names() -> set[str]:
    """Every public name the package offers, lazy ones (PEP 562) included."""
    return {
        name
        for name in dir(arvode)
        if not name.startswith("_") and not isinstance(getattr(arvode, name), types.ModuleType)
    }


def test_all_is_sorted() -> None:
    assert arvode.__all__ == sorted(arvode.__all__)


def test_all_has_no_duplicates() -> None:
    assert len(arvode.__all__) == len(set(arvode.__all__))


def test_all_is_exactly_the_public_names() -> None:
    assert set(arvode.__all__) == public_names()


@pytest.mark.parametrize("name", arvode.__all__)
def test_every_exported_name_exists(name: str) -> None:
    assert getattr(arvode, name) is not None


def test_the_core_names_are_exported() -> None:
    core = {
        "ArvodeError",
        "ClaimError",
        "RulesError",
        "NoRuleInForceError",
        "MissingAmountError",
        "Claim",
        "Event",
        "Official",
        "Line",
        "Rejection",
        "Result",
        "Rules",
        "calculate",
        "check_claim",
        "claim_from_text",
        "load_claim",
        "load_rules",
        "parse_claim",
        "format_json",
        "format_kr",
        "round_money",
        "bundled_rules_dir",
    }
    assert core <= set(arvode.__all__)


def test_bilaga_document_is_public() -> None:
    # arvode serve's Bilaga 1 page renders the same document as `arvode bilaga`
    import datetime as dt

    document = arvode.build_document(arvode.bilaga_on(arvode.load_rules(), dt.date(2025, 3, 1)))
    assert document.title.startswith("Bilaga 1")
    assert document.tables


def test_implementation_stays_private() -> None:
    # helpers of the engine are reached through private modules only
    for name in ("fee_for", "cap_fee", "claimed_loss", "loss_cap", "late_reason", "Lookup", "Node"):
        assert name not in arvode.__all__


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (arvode.RulesError, ValueError),
        (arvode.ClaimError, ValueError),
        (arvode.NoRuleInForceError, LookupError),
        (arvode.MissingAmountError, LookupError),
    ],
)
def test_one_error_hierarchy(error: type[Exception], builtin: type[Exception]) -> None:
    # STYLE: ArvodeError → RulesError, ClaimError, … each subclassing the fitting built-in
    assert issubclass(error, arvode.ArvodeError)
    assert issubclass(error, builtin)


def test_a_located_error_reads_file_line_field_problem() -> None:
    err = arvode.ClaimError("okänd sammanträdestyp 'fest'", arvode.Location("c.yaml", 8, "events[0].kind"))
    assert str(err) == "c.yaml:8: events[0].kind: okänd sammanträdestyp 'fest'"
    assert (
        str(arvode.ClaimError("filen finns inte", arvode.Location("c.yaml"))) == "c.yaml: filen finns inte"
    )
    assert str(arvode.ClaimError("bare")) == "bare"


def test_at_places_an_error_only_once() -> None:
    placed = arvode.NoRuleInForceError("no rules").at(
        arvode.Location("c.yaml", 4, "events[0].date")
    )
    assert isinstance(placed, arvode.NoRuleInForceError)
    assert str(placed) == "c.yaml:4: events[0].date: no rules"
    assert placed.at(arvode.Location("other.yaml", 1)) is placed
