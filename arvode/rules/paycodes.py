"""Pay codes (lönearter) of the payroll system, per line type, as dated rules data.

Payroll imports lines by pay code; which code a type maps to is the
municipality's payroll setup, so it lives in the rules set (``pay_codes``),
never in code.
"""

from __future__ import annotations

import datetime as dt

import attrs

from arvode.base.yaml import Node
from arvode.rules.catalogue import Placed

__all__ = ["PayCode", "parse_pay_code"]


@attrs.frozen
class PayCode:
    type: str
    code: str
    valid_from: dt.date
    reference: str
    place: Placed = attrs.field(factory=Placed, eq=False, repr=False)


def parse_pay_code(type_: str, node: Node) -> PayCode:
    node.check_keys({"code", "from", "reference", "note"})
    return PayCode(
        type=type_,
        code=node.require("code").text(),
        valid_from=node.require("from").date(),
        reference=node.require("reference").text(),
        place=Placed.of(node),
    )
