"""arvode: what a Swedish municipality pays its elected officials, and why.

The rules are dated YAML (``rules/<municipality>/``); the engine is generic.
Typical use::

    from arvode import check_claim
    result = check_claim("examples/01-ledamot-dagstak.yaml")
    for line in result.lines:
        print(line.type, line.amount, line.rule, line.text)
"""

import importlib

from arvode.base.errors import (
    ArvodeError,
    ClaimError,
    Location,
    MissingAmountError,
    NoRuleInForceError,
    RulesError,
)
from arvode.base.money import format_json, format_kr, round_money
from arvode.calculation.check import check_claim
from arvode.calculation.engine import calculate, calculate_official
from arvode.calculation.result import Line, Rejection, Result
from arvode.claims.claim import Claim, Event, Official, claim_from_text, load_claim, parse_claim
from arvode.rules.load import Rules, bundled_rules_dir, load_rules
from arvode.rules.params import DatedValue, Parameter

#: Subsystems imported on first use (PEP 562), so ``arvode check`` does not pay
#: for payroll, Bilaga or omräkning at start-up.
_LAZY = {
    "Batch": "claims.batch",
    "load_batch": "claims.batch",
    "bilaga_on": "rules.bilaga",
    "Record": "payroll.record",
    "RecordError": "payroll.record",
    "Export": "output.export",
    "ImportNote": "payroll.run",
    "calculate_batch": "payroll.run",
    "finish_exports": "payroll.run",
    "import_inputs": "payroll.run",
    "reexport": "payroll.run",
    "build_document": "rules.bilaga",
    "omrakna": "rules.omrakning",
    "PayLine": "payroll.run",
    "PayrollRun": "payroll.run",
    "run_payroll": "payroll.run",
    "PensionStatement": "calculation.pension",
    "pension_statement": "calculation.pension",
    "RecoveryPlan": "calculation.aterbetalning",
    "recovery_plan": "calculation.aterbetalning",
    "check_rules": "rules.check",
    "YearStatement": "calculation.year",
    "year_statement": "calculation.year",
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
    "Export",
    "ImportNote",
    "Line",
    "Location",
    "MissingAmountError",
    "NoRuleInForceError",
    "Official",
    "Parameter",
    "PayLine",
    "PayrollRun",
    "PensionStatement",
    "Record",
    "RecordError",
    "RecoveryPlan",
    "Rejection",
    "Result",
    "Rules",
    "RulesError",
    "YearStatement",
    "bilaga_on",
    "build_document",
    "bundled_rules_dir",
    "calculate",
    "calculate_batch",
    "calculate_official",
    "check_claim",
    "check_rules",
    "claim_from_text",
    "finish_exports",
    "format_json",
    "format_kr",
    "import_inputs",
    "load_batch",
    "load_claim",
    "load_rules",
    "omrakna",
    "parse_claim",
    "pension_statement",
    "recovery_plan",
    "reexport",
    "round_money",
    "run_payroll",
    "year_statement",
]
