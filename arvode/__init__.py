"""arvode: what a Swedish municipality pays its elected officials, and why.

The rules are dated YAML (``rules/<municipality>/``); the engine is generic.
Typical use::

    from arvode import check_claim
    result = check_claim("examples/01-ledamot-dagstak.yaml")
    for line in result.lines:
        print(line.type, line.amount, line.rule, line.text)
"""

import importlib

from ._check import check_claim
from ._claim import Claim, Event, Official, claim_from_text, load_claim, parse_claim
from ._engine import calculate
from ._errors import (
    ArvodeError,
    ClaimError,
    Location,
    MissingAmountError,
    NoRuleInForceError,
    RulesError,
)
from ._money import format_json, format_kr, round_money
from ._params import DatedValue, Parameter
from ._result import Line, Rejection, Result
from ._rules import Rules, bundled_rules_dir, load_rules

#: Subsystems imported on first use (PEP 562), so ``arvode check`` does not pay
#: for payroll, Bilaga or omräkning at start-up.
_LAZY = {
    "Batch": "_batch",
    "load_batch": "_batch",
    "bilaga_on": "_bilaga",
    "Ledger": "_ledger",
    "LedgerError": "_ledger",
    "omrakna": "_omrakna",
    "PayLine": "_payroll",
    "PayrollRun": "_payroll",
    "run_payroll": "_payroll",
    "PensionStatement": "_pension",
    "pension_statement": "_pension",
    "RecoveryPlan": "_recovery",
    "recovery_plan": "_recovery",
    "check_rules": "_rules_check",
    "YearStatement": "_year",
    "year_statement": "_year",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        module = importlib.import_module(f"arvode.{_LAZY[name]}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'arvode' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "ArvodeError",
    "Batch",
    "Claim",
    "ClaimError",
    "DatedValue",
    "Event",
    "Ledger",
    "LedgerError",
    "Line",
    "Location",
    "MissingAmountError",
    "NoRuleInForceError",
    "Official",
    "Parameter",
    "PayLine",
    "PayrollRun",
    "PensionStatement",
    "RecoveryPlan",
    "Rejection",
    "Result",
    "Rules",
    "RulesError",
    "YearStatement",
    "bilaga_on",
    "bundled_rules_dir",
    "calculate",
    "check_claim",
    "check_rules",
    "claim_from_text",
    "format_json",
    "format_kr",
    "load_batch",
    "load_claim",
    "load_rules",
    "omrakna",
    "parse_claim",
    "pension_statement",
    "recovery_plan",
    "round_money",
    "run_payroll",
    "year_statement",
]
