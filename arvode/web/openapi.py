"""The OpenAPI 3.1 description of the JSON API, served at ``/api/v1/openapi.json``.

Written by hand from claim-format.md rather than generated from code: the
claim format is a contract of its own, and a caller needs its rules (money as
quoted decimals, never a JSON float) more than a schema of our classes. The
keys of organs, kinds and roles come from the rules set being served.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

from arvode import Rules
from arvode.web.labels import ABSENCE_REASONS, ELECTION_ROLES, GROUP_LEADER_COVER, LINE_TYPES

__all__ = ["openapi"]

_REF = "#/components/schemas/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _number(what: str, *, whole_ore: bool = False) -> dict[str, Any]:
    pattern = r"^\d+(\.\d{1,2})?$" if whole_ore else r"^\d+(\.\d+)?$"
    return {
        "description": f"{what}: exakt tal som sträng (\"310.50\") eller heltal, aldrig ett JSON-flyttal.",
        "oneOf": [{"type": "string", "pattern": pattern}, {"type": "integer", "minimum": 0}],
    }


def _object(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    return schema


_DATE = {"type": "string", "format": "date", "description": "ÅÅÅÅ-MM-DD"}
_SPAN = {
    "type": "string",
    "pattern": r"^\s*\d{1,2}[:.]\d{2}\s*[-–]\s*\d{1,2}[:.]\d{2}\s*$",
    "description": "Klockslag TT:MM-TT:MM, t.ex. \"13:00-16:30\".",
}
_BOOL = {"type": "boolean"}
_TEXT = {"type": "string", "minLength": 1}


def _claim_schemas(rules: Rules) -> dict[str, Any]:
    roles = {"type": "string", "enum": list(rules.roles)}
    official = _object(
        {
            "id": {"oneOf": [_TEXT, {"type": "integer"}]},
            "name": _TEXT,
            "home_distance_km": _number("Avstånd hem–möteslokal, km enkel väg (5.1)"),
            "income": _object({
                "hourly": _number("Styrkt timlön, kr", whole_ore=True),
                "yearly": _number("Årsinkomst, kr", whole_ore=True),
                "vacation_pay_loss": _BOOL,
            }),
            "assignments": {"type": "array", "items": _object(
                {"role": roles, "from": _DATE, "to": _DATE, "acting_for": _TEXT}, ("role", "from"))},
            "group_leader": _object(
                {"party": _TEXT, "seats": {"type": "integer", "minimum": 1},
                 "share": _number("Andel av partiets gruppledararvode, högst 1"), "from": _DATE, "to": _DATE},
                ("party", "seats", "from")),
            "special_decisions": {"type": "array", "items": _object(
                {"percent": _number("Beslutad procent"), "from": _DATE, "to": _DATE,
                 "covers": {"type": "array", "items": {"type": "string",
                                                       "enum": [*rules.roles, GROUP_LEADER_COVER[0]]}},
                 "reference": _TEXT},
                ("percent", "from", "covers", "reference"))},
            "absences": {"type": "array", "items": _object(
                {"from": _DATE, "to": _DATE, "reason": {"type": "string", "enum": list(ABSENCE_REASONS)}},
                ("from", "to", "reason"))},
        },
        ("id",),
    )
    event = _object(
        {
            "date": _DATE,
            "organ": {"type": "string", "enum": list(rules.organs)},
            "kind": {"type": "string", "enum": list(rules.kinds)},
            "called": _SPAN,
            "attended": _SPAN,
            "serving": _BOOL,
            "specially_called": _BOOL,
            "lost_income": {
                "description": "Exakt ett av hours, amount eller unknown_amount (2.2.2).",
                **_object({"hours": _number("Timmar"), "amount": _number("Styrkt belopp, kr", whole_ore=True),
                           "unknown_amount": {"const": True}}),
            },
            "free_time": _BOOL,
            "paid_by_other": _BOOL,
            "travel": _object({"km": _number("Km till och från"), "within_km": _number("Km under mötet"),
                               "hours": _number("Färdtid, timmar"), "outside_municipality": _BOOL}),
            "for_meeting": _DATE,
            "childcare_hours": _number("Barntillsyn, timmar (5.2)"),
            "care_hours": _number("Vård och tillsyn, timmar (5.3)"),
            "disability_costs": _number("Kostnader vid funktionsnedsättning, kr (5.4)", whole_ore=True),
            "lost_vacation_days": {"type": "integer", "minimum": 0},
            "reported": _DATE,
            "election_role": {"type": "string", "enum": list(ELECTION_ROLES)},
            "hours": _number("Timmar valförrättning (2.2.3)"),
            "preparation": _BOOL,
            "training": _BOOL,
        },
        ("date", "kind"),
    )
    claim = _object(
        {"official": _ref("Official"), "period": {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
         "events": {"type": "array", "items": _ref("Event")}},
        ("official", "period"),
    )
    claim["description"] = "Ett ersättningsanspråk: en förtroendevald, en månad (claim-format.md), som JSON."
    return {"Claim": claim, "Official": official, "Event": event}


def _result_schemas() -> dict[str, Any]:
    money = {"type": "string", "pattern": r"^-?\d+\.\d{2}$", "description": "Kronor med två decimaler."}
    used = _object({"name": {"type": "string"}, "value": {"type": "string"}, "from": _DATE,
                    "reference": {"type": "string"}})
    line = _object(
        {"date": _DATE, "event": {"type": "integer", "minimum": 0},
         "type": {"type": "string", "enum": [t for t in LINE_TYPES if t != "total"]},
         "amount": money, "rule": {"type": "string"}, "text": {"type": "string"},
         "values": {"type": "array", "items": used}},
        ("type", "amount", "rule", "text"),
    )
    rejected = _object(
        {"event": {"type": "integer", "minimum": 0}, "date": _DATE, "rule": {"type": "string"},
         "reason": {"type": "string"}},
        ("rule", "reason"),
    )
    result = _object(
        {"official": {"type": "string"}, "period": {"type": "string"},
         "lines": {"type": "array", "items": line}, "rejected": {"type": "array", "items": rejected},
         "totals": {"type": "object", "additionalProperties": money, "required": ["total"]}},
        ("official", "period", "lines", "rejected", "totals"),
    )
    result["description"] = "Exakt det som `arvode check --json` skriver för anspråket."
    error = _object(
        {"errors": {"type": "array", "items": _object(
            {"field": {"type": ["string", "null"], "description": "Sökväg i anspråket, t.ex. events[1].attended."},
             "message": {"type": "string", "description": "Motorns meddelande, som på kommandoraden och webbsidan."}},
            ("field", "message"))}},
        ("errors",),
    )
    bilaga = {
        "type": "object",
        "description": "Bilaga 1 i kraft ett datum: belopp, årsarvoden per uppdrag och gruppledararvode per plats.",
        "properties": {
            "date": _DATE, "municipality": {"type": "string"}, "regulation": {"type": "string"},
            "arsarvode": used, "month_share": {"type": "string"},
            "amounts": {"type": "array", "items": {"type": "object"}},
            "roles": {"type": "array", "items": {"type": "object"}},
            "group_leader_seats": {"type": "array", "items": {"type": "object"}},
            "compare": {"type": "object", "description": "Bilaga 1 i kraft jämförelsedatumet, med samma fält"},
        },
        "required": ["date", "amounts", "roles", "group_leader_seats"],
    }
    return {"Result": result, "Error": error, "Bilaga": bilaga}


def _json(schema: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


def openapi(rules: Rules) -> dict[str, Any]:
    """The description of the API serving ``rules``."""
    try:
        version = metadata.version("arvode")
    except metadata.PackageNotFoundError:
        version = "0"
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "arvode",
            "version": version,
            "description": (
                "Ersättning till förtroendevalda, förklarad per avsnitt: samma beräkning som "
                f"`arvode check`, med regelverket {rules.meta.get('municipality', rules.name)}. "
                "Inget sparas på servern."
            ),
        },
        "paths": {
            "/api/v1/check": {"post": {
                "summary": "Beräkna ett ersättningsanspråk",
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("Claim")}}},
                "responses": {
                    "200": _json("Result", "Resultatet, som `arvode check --json`."),
                    "413": _json("Error", "Förfrågan är större än gränsen."),
                    "422": _json("Error", "Anspråket kan inte läsas eller beräknas; fältets sökväg och felet."),
                },
            }},
            "/api/v1/bilaga": {"get": {
                "summary": "Bilaga 1 i kraft ett datum",
                "parameters": [{"name": "date", "in": "query", "required": True, "schema": _DATE},
                               {"name": "compare", "in": "query", "required": False, "schema": _DATE,
                                "description": "ett annat datum: dess Bilaga 1 följer med under compare"}],
                "responses": {
                    "200": _json("Bilaga", "Beloppen och uppdragstabellen."),
                    "422": _json("Error", "Datumet saknas, är fel skrivet eller har inga regler."),
                },
            }},
            "/api/v1/openapi.json": {"get": {
                "summary": "Den här beskrivningen",
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}},
            }},
        },
        "components": {"schemas": {**_claim_schemas(rules), **_result_schemas()}},
    }
