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
from arvode.rules.load import DEFAULT_RULES, Rules, bundled_rules_dir, load_rules
from arvode.rules.params import DatedValue, Parameter

if typing.TYPE_CHECKING:  # the lazily imported names, for type checkers
    from arvode.base.config import ENV_RECORD, ENV_RULES, Setting, find_setting
    from arvode.base.files import os_problem
    from arvode.base.money import exact_money
    from arvode.base.period import check_year, parse_day, parse_period
    from arvode.base.text import VisibleStream, visible
    from arvode.calculation.aterbetalning import RecoveryPlan, recovery_plan, render_recovery
    from arvode.calculation.pension import PensionStatement, pension_statement, render_pension
    from arvode.calculation.year import YearStatement, render_year, year_statement
    from arvode.claims.batch import Batch, load_batch
    from arvode.claims.forslag import nearest_key, with_suggestion
    from arvode.output.aterbetalning import render_recovery_plan
    from arvode.output.bilaga import FORMATS as BILAGA_FORMATS
    from arvode.output.bilaga import bilaga_on, build_document
    from arvode.output.bilaga import render as render_bilaga
    from arvode.output.bundled import (
        BundledError,
        Example,
        bundled_examples,
        bundled_rules_sets,
        claim_format_document,
        copy_examples,
        copy_payroll_example,
        export_rules,
        find_example,
        rules_folder,
    )
    from arvode.output.export import Export
    from arvode.output.labels import ABSENCE_REASONS as ABSENCE_REASON_LABELS
    from arvode.output.labels import ELECTION_ROLES as ELECTION_ROLE_LABELS
    from arvode.output.labels import (
        GROUP_LEADER_COVER,
        kind_label,
        line_label,
        organ_label,
        period_label,
        role_label,
    )
    from arvode.output.labels import LINE_TYPES as LINE_TYPE_LABELS
    from arvode.output.labels import PARTICIPATION as PARTICIPATION_LABELS
    from arvode.output.mall import PLACEHOLDERS as TEMPLATE_PLACEHOLDERS
    from arvode.output.mall import claim_template
    from arvode.output.nycklar import render_keys
    from arvode.output.report import render_json, render_text
    from arvode.output.specifikation import render_statement, render_statement_html
    from arvode.output.tal import format_count, format_number, format_percent
    from arvode.output.year import render_year_table
    from arvode.payroll.pension import (
        PensionAccount,
        PensionYear,
        book_pension,
        pension_accounts,
        render_pension_account,
    )
    from arvode.payroll.record import PensionBooking, Record, RecordError
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
    from arvode.rules.aktualitet import beyond_omrakning, latest_omrakning
    from arvode.rules.belopp import rounding_text
    from arvode.rules.check import check_rules
    from arvode.rules.omrakning import omrakna, parse_percent
    from arvode.testfall import (
        Case,
        CaseOutcome,
        ExpectedLine,
        ExpectedRejection,
        check_case,
        find_cases,
        load_case,
        missing_rules_reason,
        rules_for_case,
        run_case,
    )

#: Subsystems imported on first use (PEP 562), so ``arvode check`` does not pay
#: for payroll, Bilaga or omräkning at start-up.
_LAZY: dict[str, str | tuple[str, str]] = {
    "Batch": "claims.batch",
    "load_batch": "claims.batch",
    "bilaga_on": "output.bilaga",
    "Record": "payroll.record",
    "RecordError": "payroll.record",
    "Export": "output.export",
    "ImportNote": "payroll.run",
    "calculate_batch": "payroll.run",
    "finish_exports": "payroll.run",
    "import_inputs": "payroll.run",
    "reexport": "payroll.run",
    "build_document": "output.bilaga",
    "omrakna": "rules.omrakning",
    "PayLine": "payroll.run",
    "PayrollRun": "payroll.run",
    "run_payroll": "payroll.run",
    "PensionStatement": "calculation.pension",
    "pension_statement": "calculation.pension",
    # 4.1 pensionsbehållning from the record
    "PensionAccount": "payroll.pension",
    "PensionYear": "payroll.pension",
    "PensionBooking": "payroll.record",
    "book_pension": "payroll.pension",
    "pension_accounts": "payroll.pension",
    "render_pension_account": "payroll.pension",
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
    "render_bilaga": ("output.bilaga", "render"),
    "BILAGA_FORMATS": ("output.bilaga", "FORMATS"),
    "parse_percent": "rules.omrakning",
    "ENV_RECORD": "base.config",
    "Setting": "base.config",
    "find_setting": "base.config",
    "parse_period": "base.period",
    "parse_day": "base.period",
    "check_year": "base.period",
    "exact_money": "base.money",
    "VisibleStream": "base.text",
    "visible": "base.text",
    "nearest_key": "claims.forslag",
    "with_suggestion": "claims.forslag",
    "rounding_text": "rules.belopp",
    "os_problem": "base.files",
    "ENV_RULES": "base.config",
    # the latest omräkning (6.5) a rules set holds, for the warning on stale amounts
    "latest_omrakning": "rules.aktualitet",
    "beyond_omrakning": "rules.aktualitet",
    # Swedish labels, numbers and the tables people read
    "LINE_TYPE_LABELS": ("output.labels", "LINE_TYPES"),
    "ELECTION_ROLE_LABELS": ("output.labels", "ELECTION_ROLES"),
    "ABSENCE_REASON_LABELS": ("output.labels", "ABSENCE_REASONS"),
    "PARTICIPATION_LABELS": ("output.labels", "PARTICIPATION"),
    "GROUP_LEADER_COVER": "output.labels",
    "line_label": "output.labels",
    "organ_label": "output.labels",
    "kind_label": "output.labels",
    "role_label": "output.labels",
    "period_label": "output.labels",
    "format_count": "output.tal",
    "format_number": "output.tal",
    "format_percent": "output.tal",
    "render_year_table": "output.year",
    "render_recovery_plan": "output.aterbetalning",
    "render_statement": "output.specifikation",
    "render_statement_html": "output.specifikation",
    "render_keys": "output.nycklar",
    "claim_template": "output.mall",
    "TEMPLATE_PLACEHOLDERS": ("output.mall", "PLACEHOLDERS"),
    # what ships in the package: examples, rules sets, the claim format
    "BundledError": "output.bundled",
    "Example": "output.bundled",
    "bundled_examples": "output.bundled",
    "bundled_rules_sets": "output.bundled",
    "claim_format_document": "output.bundled",
    "copy_examples": "output.bundled",
    "copy_payroll_example": "output.bundled",
    "export_rules": "output.bundled",
    "find_example": "output.bundled",
    "rules_folder": "output.bundled",
    # test cases a committee writes
    "Case": "testfall",
    "CaseOutcome": "testfall",
    "ExpectedLine": "testfall",
    "ExpectedRejection": "testfall",
    "check_case": "testfall",
    "find_cases": "testfall",
    "load_case": "testfall",
    "missing_rules_reason": "testfall",
    "rules_for_case": "testfall",
    "run_case": "testfall",
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
    "ABSENCE_REASON_LABELS",
    "ArvodeError",
    "BILAGA_FORMATS",
    "Batch",
    "BundledError",
    "Case",
    "CaseOutcome",
    "Claim",
    "ClaimError",
    "DEFAULT_RULES",
    "DatedValue",
    "ELECTION_ROLE_LABELS",
    "ENV_RECORD",
    "ENV_RULES",
    "Event",
    "Example",
    "ExpectedLine",
    "ExpectedRejection",
    "Export",
    "GROUP_LEADER_COVER",
    "ImportNote",
    "LINE_TYPE_LABELS",
    "Line",
    "Location",
    "MissingAmountError",
    "NoRuleInForceError",
    "Official",
    "PARTICIPATION_LABELS",
    "Parameter",
    "PayLine",
    "PayrollRun",
    "PensionAccount",
    "PensionBooking",
    "PensionStatement",
    "PensionYear",
    "Record",
    "RecordError",
    "RecoveryPlan",
    "Rejection",
    "Result",
    "Rules",
    "RulesError",
    "Setting",
    "TEMPLATE_PLACEHOLDERS",
    "VisibleStream",
    "YearStatement",
    "beyond_omrakning",
    "bilaga_on",
    "book_pension",
    "build_document",
    "bundled_examples",
    "bundled_rules_dir",
    "bundled_rules_sets",
    "calculate",
    "calculate_batch",
    "calculate_official",
    "check_case",
    "check_claim",
    "check_rules",
    "check_year",
    "claim_format_document",
    "claim_from_text",
    "claim_template",
    "copy_examples",
    "copy_payroll_example",
    "exact_money",
    "export_rules",
    "find_cases",
    "find_example",
    "find_setting",
    "finish_exports",
    "format_count",
    "format_json",
    "format_kr",
    "format_number",
    "format_percent",
    "import_inputs",
    "kind_label",
    "latest_omrakning",
    "line_label",
    "load_batch",
    "load_case",
    "load_claim",
    "load_rules",
    "missing_rules_reason",
    "nearest_key",
    "omrakna",
    "organ_label",
    "os_problem",
    "parse_claim",
    "parse_day",
    "parse_percent",
    "parse_period",
    "pension_accounts",
    "pension_statement",
    "period_label",
    "recovery_plan",
    "reexport",
    "render_bilaga",
    "render_json",
    "render_keys",
    "render_pension",
    "render_pension_account",
    "render_recovery",
    "render_recovery_plan",
    "render_statement",
    "render_statement_html",
    "render_text",
    "render_year",
    "render_year_table",
    "role_label",
    "round_money",
    "rounding_text",
    "rules_folder",
    "rules_for_case",
    "run_case",
    "run_payroll",
    "visible",
    "with_suggestion",
    "year_statement",
]
