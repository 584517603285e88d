"""The library's front door for one claim: load, validate, calculate."""

from __future__ import annotations

from pathlib import Path

from arvode.calculation.engine import calculate
from arvode.calculation.result import Result
from arvode.claims.claim import load_claim
from arvode.rules.load import Rules, load_rules

__all__ = ["check_claim"]


def check_claim(path: str | Path, rules: Rules | str | Path | None = None) -> Result:
    """Calculate the claim file at ``path`` under ``rules`` (the default bundled set by default)."""
    loaded = rules if isinstance(rules, Rules) else load_rules(rules)
    return calculate(load_claim(path, loaded), loaded)
