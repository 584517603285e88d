"""The JSON API, for other systems: ``/api/v1/check``, ``/api/v1/bilaga``, the OpenAPI text.

``POST /api/v1/check`` answers a claim (claim-format.md, as JSON) with exactly
what ``arvode check --json`` prints for it. A claim that does not parse or
price is HTTP 422 with the problem's field path and message: the engine's
words (``message``, as the command line prints them) and the pages' Swedish
(``meddelande``).
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from arvode import ArvodeError, Rules, parse_day
from arvode.web import engine
from arvode.web.openapi import openapi

__all__ = ["Api", "error_response"]


class _DuplicateKeyError(ValueError):
    """A JSON object with a key twice: JSON parsers disagree on which wins, so refuse it."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKeyError(f"nyckeln {key!r} finns två gånger")
        found[key] = value
    return found


#: The json module's words for a syntax error, in Swedish.
_JSON_SYNTAX = {
    "Expecting ',' delimiter": "väntade ',' mellan två värden",
    "Expecting ':' delimiter": "väntade ':' efter ett fältnamn",
    "Expecting value": "väntade ett värde",
    "Expecting property name enclosed in double quotes": "väntade ett fältnamn inom dubbla citattecken",
    "Unterminated string starting at": "en text utan avslutande citattecken",
    "Invalid control character at": "ett styrtecken inne i en text",
    "Invalid \\escape": "en okänd escape-sekvens med \\",
    "Extra data": "mer efter JSON-värdet",
}


def _json_problem(exc: BaseException) -> str:
    """Why the body is not JSON, in Swedish and located (rad, kolumn) where json says where."""
    if isinstance(exc, json.JSONDecodeError):
        said = next((sv for en, sv in _JSON_SYNTAX.items() if exc.msg.startswith(en)), None)
        return f"{said or 'syntaxfel'} (rad {exc.lineno}, kolumn {exc.colno})"
    if isinstance(exc, UnicodeDecodeError):
        return "innehållet är inte UTF-8"
    if isinstance(exc, RecursionError):
        return "för djupt nästlad"
    return str(exc)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} är inte ett tal som JSON tillåter")


def error_response(status: int, field: str | None, message: str) -> JSONResponse:
    """The API's error: ``{"errors": [{"field", "message"}]}``, the message in Swedish."""
    error = {"field": field, "message": message}
    return JSONResponse({"errors": [error]}, status_code=status)


class Api:
    """Handlers of the JSON API over one rules set."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules

    async def check(self, request: Request) -> Response:
        body = await request.body()
        try:
            data = json.loads(body, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as exc:
            # json.JSONDecodeError and UnicodeDecodeError are ValueErrors.
            return error_response(422, None, f"förfrågans innehåll är inte JSON: {_json_problem(exc)}")
        try:
            result = engine.check(data, self.rules, "<request>")
        except ArvodeError as error:
            field = error.location.field if error.location is not None else None
            return error_response(422, field, error.problem)
        return Response(engine.result_json(result), media_type="application/json")

    async def bilaga(self, request: Request) -> Response:
        text = request.query_params.get("date", request.query_params.get("datum", ""))
        try:
            day = parse_day(text)
        except ValueError as exc:
            return error_response(422, "date", str(exc))
        compare = None
        if request.query_params.get("compare"):
            try:
                compare = parse_day(request.query_params["compare"])
            except ValueError as exc:
                return error_response(422, "compare", str(exc))
        try:
            data = engine.bilaga_json(self.rules, day)
        except ArvodeError as error:
            return error_response(422, "date", error.problem)
        if compare is not None:
            try:
                data["compare"] = engine.bilaga_json(self.rules, compare)
            except ArvodeError as error:
                return error_response(422, "compare", error.problem)
        return JSONResponse(data)

    async def openapi(self, _request: Request) -> Response:
        return JSONResponse(openapi(self.rules))
