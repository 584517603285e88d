"""The HTML pages: the check page (``/``) and Bilaga 1 (``/bilaga``).

Each request carries the whole month in its form and is answered from it
alone; nothing is kept between requests (no session, no cookie, no file).
Buttons that change the form (add or remove a row) re-render it without a
script; ``static/kontroll.js`` only spares the round trip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from arvode import ArvodeError, Rules
from arvode.web import engine, fil
from arvode.web.form import (
    CHECKED,
    EVENTS,
    PARTS,
    Box,
    FormState,
    Part,
    Value,
    blank_state,
    claim_data,
    from_claim_data,
    from_form_items,
)
from arvode.web.labels import ABSENCE_REASONS, ELECTION_ROLES, GROUP_LEADER_COVER, PARTICIPATION
from arvode.web.view import ErrorView, ResultView, errors_view, result_view

__all__ = ["MAX_FORM_FIELDS", "Pages"]

#: Inputs one form may send: every field of MAX_ROWS events and more.
MAX_FORM_FIELDS = 20_000
_FORM_FILE = "<formulär>"


@attrs.frozen
class CheckPage:
    """The check page's content; the template asks it for every value, error and option."""

    state: FormState
    rules: Rules
    errors: tuple[ErrorView, ...] = ()
    result: ResultView | None = None
    upload_error: str = ""
    file_note: str = ""
    focus: str = ""
    parts: tuple[Part, ...] = PARTS
    checked: str = CHECKED

    def value(self, name: str) -> Value:
        return self.state.value(name)

    def errors_at(self, target: str) -> list[ErrorView]:
        return [e for e in self.errors if e.target == target]

    def rows(self, part: Part) -> range:
        return range(self.state.row_count(part))

    def options(self, choices: str) -> list[tuple[str, str]]:
        rules = self.rules
        found: Mapping[str, str] = {
            "organs": {k: o.name for k, o in rules.organs.items()},
            "kinds": {k: kind.name for k, kind in rules.kinds.items()},
            "roles": {k: r.title for k, r in rules.roles.items()},
            "covers": {**{k: r.title for k, r in rules.roles.items()}, GROUP_LEADER_COVER[0]: GROUP_LEADER_COVER[1]},
            "election_roles": ELECTION_ROLES,
            "absence_reasons": ABSENCE_REASONS,
            "participation": PARTICIPATION,
        }.get(choices, {})
        return list(found.items())

    def box_open(self, part: Part, index: int | None, box: Box) -> bool:
        """A folded box opens when it holds a value or an error, so nothing is hidden."""
        row = part.row(index) if index is not None else part.path
        for field in part.fields:
            if field.box != box.key:
                continue
            name = part.name(field, index)
            if self.value(name) not in ("", [], field.default) or self.errors_at(name):
                return True
        return bool(box.path and self.errors_at(f"{row}.{box.path}"))


class Pages:
    """Handlers of the HTML pages over one rules set."""

    def __init__(self, rules: Rules, templates: Jinja2Templates) -> None:
        self.rules = rules
        self.templates = templates

    def _render(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        context.setdefault("rules_title", str(self.rules.meta.get("municipality", self.rules.name)))
        context.setdefault("regulation", str(self.rules.meta.get("regulation", "")))
        context.setdefault("amounts_title", str(self.rules.meta.get("bilaga_short", "Belopp")))
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def _check_page(self, request: Request, page: CheckPage) -> Response:
        page.state.ensure_event_row()
        return self._render(request, "kontroll.html", page=page, active="kontroll")

    # -- the check page -----------------------------------------------------------------
    async def check(self, request: Request) -> Response:
        if request.method == "GET":
            return self._check_page(request, CheckPage(blank_state(), self.rules))
        async with request.form(max_files=0, max_fields=MAX_FORM_FIELDS) as form:
            items = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
        state = from_form_items(items)
        action = dict(items).get("action") or "berakna"
        verb, _, rest = action.partition(":")
        if verb == "lagg_till":
            state.add_row(rest)
            part = next((p for p in PARTS if p.path == rest and p.repeated), EVENTS)
            index = state.row_count(part) - 1
            focus = part.name(part.fields[0], index) if index >= 0 else ""
            return self._check_page(request, CheckPage(state, self.rules, focus=focus))
        if verb == "ta_bort":
            path, _, number = rest.partition(":")
            state.remove_row(path, int(number) if number.isdigit() else -1)
            return self._check_page(request, CheckPage(state, self.rules))
        state.drop_blank_rows()
        data = claim_data(state)
        if verb == "ladda_ner":
            return Response(
                fil.claim_yaml(data),
                media_type="application/yaml",
                headers={"Content-Disposition": f'attachment; filename="{fil.file_name(data)}"'},
            )
        return self._check_page(request, self._checked(state, data))

    def _checked(self, state: FormState, data: Mapping[str, Any]) -> CheckPage:
        """The page with the engine's answer: the result, or every problem at its place."""
        try:
            result = engine.check(data, self.rules, _FORM_FILE)
        except ArvodeError as error:
            problems = engine.form_problems(data, self.rules, engine.Problem.of(error))
            return CheckPage(state, self.rules, errors=errors_view(problems, state))
        return CheckPage(state, self.rules, result=result_view(result, data, self.rules))

    async def open_file(self, request: Request) -> Response:
        """A claim file the official kept: fill the form from it and check it at once."""
        async with request.form(max_files=1, max_fields=10) as form:
            upload = form.get("fil")
            raw = await upload.read() if isinstance(upload, UploadFile) else b""
        if not raw:
            page = CheckPage(blank_state(), self.rules, upload_error="Välj en fil att öppna.")
            return self._check_page(request, page)
        text, data = fil.read_claim_file(raw)
        file_problem = self._file_problem(text)
        if data is None:
            why = file_problem or "Filen är inte text i UTF-8."
            page = CheckPage(blank_state(), self.rules, upload_error=f"Filen kunde inte öppnas: {why}")
            return self._check_page(request, page)
        state = from_claim_data(data)
        page = self._checked(state, claim_data(state))
        shown = {e.message for e in page.errors}
        if file_problem and file_problem.split(": ", 1)[-1] not in shown:
            page = attrs.evolve(page, file_note=f"Filen har ett fel som formuläret inte visar: {file_problem}")
        return self._check_page(request, page)

    def _file_problem(self, text: str | None) -> str:
        """The claim parser's verdict on the file itself, in Swedish ("" if it parses)."""
        if text is None:
            return ""
        try:
            engine.parse(text, self.rules)
        except ArvodeError as error:
            message = error.problem
            field = error.location.field if error.location is not None else None
            line = error.location.line if error.location is not None else None
            where = ", ".join(x for x in (f"rad {line}" if line else "", field or "") if x)
            return f"{where}: {message}" if where else message
        return ""

    # -- Bilaga 1 -----------------------------------------------------------------------
    async def bilaga(self, request: Request) -> Response:
        asked = {key: request.query_params.get(key, "").strip() for key in ("datum", "jamfor")}
        asked["datum"] = asked["datum"] or dt.date.today().isoformat()
        errors: dict[str, str] = {}
        days: dict[str, dt.date | None] = {}
        for key, text in asked.items():
            try:
                days[key] = dt.date.fromisoformat(text) if text and len(text) == 10 else None
            except ValueError:
                days[key] = None
            if text and days[key] is None:
                errors[key] = f"Ange ett datum som ÅÅÅÅ-MM-DD, t.ex. 2025-03-01 (fick {text!r})."
        document = None
        day = days["datum"]
        if not errors and day is not None:
            try:
                document = engine.bilaga(self.rules, day, days["jamfor"])
            except ArvodeError as error:
                message = error.problem
                errors["jamfor" if days["jamfor"] and str(days["jamfor"]) in error.problem else "datum"] = message
        status = 422 if errors else 200
        return self._render(
            request, "bilaga.html", status, asked=asked, errors=errors, document=document, active="bilaga"
        )

