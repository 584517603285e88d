"""arvode: what a Swedish municipality pays its elected officials, and why.

The rules are dated YAML (``rules/<municipality>/``); the engine is generic.
Typical use::

    from arvode import check_claim
    result = check_claim("examples/01-ledamot-dagstak.yaml")
    for line in result.lines:
        print(line.type, line.amount, line.rule, line.text)
"""

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

__all__ = [
    "ArvodeError",
    "Claim",
    "ClaimError",
    "DatedValue",
    "Event",
    "Line",
    "Location",
    "MissingAmountError",
    "NoRuleInForceError",
    "Official",
    "Parameter",
    "Rejection",
    "Result",
    "Rules",
    "RulesError",
    "bundled_rules_dir",
    "calculate",
    "check_claim",
    "claim_from_text",
    "format_json",
    "format_kr",
    "load_claim",
    "load_rules",
    "parse_claim",
    "round_money",
]
