"""Shared fixtures: the bundled rules, loaded once."""

from __future__ import annotations

import pytest

from arvode import Rules, load_rules


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules()
