"""Shared fixtures: the bundled rules, loaded once, and claims from YAML text."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from arvode import Claim, Result, Rules, calculate, claim_from_text, load_rules


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules()


@pytest.fixture
def claim(rules: Rules) -> Callable[[str], Claim]:
    """Parse a claim written inline in a test (dedented YAML)."""
    return lambda text: claim_from_text(textwrap.dedent(text), rules, "test.yaml")


@pytest.fixture
def run(rules: Rules, claim: Callable[[str], Claim]) -> Callable[[str], Result]:
    """Calculate a claim written inline in a test."""
    return lambda text: calculate(claim(text), rules)
