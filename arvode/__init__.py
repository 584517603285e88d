"""arvode: what a Swedish municipality pays its elected officials, and why.

The rules are dated YAML (``rules/<municipality>/``); the engine is generic.
Typical use::

    from arvode import check_claim
    result = check_claim("examples/01-ledamot-dagstak.yaml")
    for line in result.lines:
        print(line.type, line.amount, line.rule, line.text)
"""

import importlib
import typing

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

if typing.TYPE_CHECKING:  # the lazily imported names, for type checkers
    from arvode.base.config import ENV_RECORD, Setting, find_setting
    from arvode.base.money import exact_money
    from arvode.base.period import check_year, parse_period
    from arvode.base.text import VisibleStream
    from arvode.calculation.aterbetalning import RecoveryPlan, recovery_plan, render_recovery
    from arvode.calculation.pension import PensionStatement, pension_statement, render_pension
    from arvode.calculation.year import YearStatement, render_year, year_statement
    from arvode.claims.batch import Batch, load_batch
    from arvode.output.export import Export
    from arvode.output.report import render_json, render_text
    from arvode.payroll.record import Record, RecordError
    from arvode.payroll.run import (
        ImportNote,
        PayLine,
        PayrollRun,
        calculate_batch,
        finish_exports,
        import_inputs,
        reexport,
        run_payroll,
    )
    from arvode.rules.bilaga import FORMATS as BILAGA_FORMATS
    from arvode.rules.bilaga import bilaga_on, build_document
    from arvode.rules.bilaga import render as render_bilaga
    from arvode.rules.check import check_rules
    from arvode.rules.omrakning import omrakna, parse_percent

#: Subsystems imported on first use (PEP 562), so ``arvode check`` does not pay
#: for payroll, Bilaga or omräkning at start-up.
_LAZY: dict[str, str | tuple[str, str]] = {
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
    # what the CLI and the web page show: renderers and their helpers
    "render_text": "output.report",
    "render_json": "output.report",
    "render_year": "calculation.year",
    "render_pension": "calculation.pension",
    "render_recovery": "calculation.aterbetalning",
    "render_bilaga": ("rules.bilaga", "render"),
    "BILAGA_FORMATS": ("rules.bilaga", "FORMATS"),
    "parse_percent": "rules.omrakning",
    "ENV_RECORD": "base.config",
    "Setting": "base.config",
    "find_setting": "base.config",
    "parse_period": "base.period",
    "check_year": "base.period",
    "exact_money": "base.money",
    "VisibleStream": "base.text",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        where = _LAZY[name]
        module_name, attribute = where if isinstance(where, tuple) else (where, name)
        module = importlib.import_module(f"arvode.{module_name}")
        value = getattr(module, attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'arvode' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "ArvodeError",
    "BILAGA_FORMATS",
    "Batch",
    "Claim",
    "ClaimError",
    "DatedValue",
    "ENV_RECORD",
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
    "Setting",
    "VisibleStream",
    "YearStatement",
    "bilaga_on",
    "build_document",
    "bundled_rules_dir",
    "calculate",
    "calculate_batch",
    "calculate_official",
    "check_claim",
    "check_rules",
    "check_year",
    "claim_from_text",
    "exact_money",
    "find_setting",
    "finish_exports",
    "format_json",
    "format_kr",
    "import_inputs",
    "load_batch",
    "load_claim",
    "load_rules",
    "omrakna",
    "parse_claim",
    "parse_percent",
    "parse_period",
    "pension_statement",
    "recovery_plan",
    "reexport",
    "render_bilaga",
    "render_json",
    "render_pension",
    "render_recovery",
    "render_text",
    "render_year",
    "round_money",
    "run_payroll",
    "year_statement",
]
