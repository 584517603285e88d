"""The web application: routes, limits, error pages, headers.

``create_app`` wires the pages and the API over one rules set loaded once.
Safe by default: a request body is at most ``MAX_BODY`` bytes (HTTP 413), every
template escapes what it prints (Jinja2 autoescape, undefined names fail),
and an error the code did not expect becomes a Swedish page (or JSON) without
its traceback, which goes to the server's terminal only.
"""

from __future__ import annotations

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp

from arvode import Rules, load_rules
from arvode.web.api import Api, error_response
from arvode.web.pages import Pages
from arvode.web.security import BodyLimit, SecurityHeaders
from arvode.web.view import field_id

__all__ = ["MAX_BODY", "create_app"]

#: Largest request body: a month of a few hundred events fits many times over.
MAX_BODY = 1024 * 1024

_PAGES = {
    400: ("Felaktig förfrågan", "Förfrågan kunde inte läsas. Gå tillbaka och försök igen."),
    404: ("Sidan finns inte", "Adressen finns inte här. Börja om från startsidan."),
    405: ("Fel sorts förfrågan", "Den här adressen tar inte emot den sortens förfrågan."),
    413: ("För stor förfrågan", "Förfrågan är större än {limit} kB. En månads anspråk är mycket mindre än så."),
    500: ("Något gick fel", "Ett oväntat fel uppstod i servern. Inget av det du fyllt i har sparats här; "
          "gå tillbaka i webbläsaren så finns uppgifterna kvar i formuläret, och försök igen."),
}
_API_MESSAGES = {
    400: "felaktig förfrågan", 404: "finns inte", 405: "metoden är inte tillåten",
    413: "förfrågans innehåll är större än {limit} kB", 500: "internt fel",
}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("arvode.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["fid"] = field_id
    return env


def create_app(rules: Rules | None = None, *, max_body: int = MAX_BODY) -> ASGIApp:
    """The application over ``rules`` (the default bundled set by default)."""
    rules = rules if rules is not None else load_rules()
    templates = Jinja2Templates(env=_environment())
    pages = Pages(rules, templates)
    api = Api(rules)
    limit = str(max_body // 1024)

    def error_page(request: Request, status: int) -> Response:
        if request.url.path.startswith("/api/"):
            return error_response(status, None, _API_MESSAGES.get(status, "error").format(limit=limit))
        title, text = _PAGES.get(status, _PAGES[500] if status >= 500 else _PAGES[400])
        context = {
            "title": title, "text": text.format(limit=limit), "status": status, "active": "",
            "rules_title": str(rules.meta.get("municipality", rules.name)),
            "regulation": str(rules.meta.get("regulation", "")),
            "amounts_title": str(rules.meta.get("bilaga_short", "Belopp")),
        }
        return templates.TemplateResponse(request, "fel.html", context, status_code=status)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        return error_page(request, status)

    async def internal_error(request: Request, _exc: Exception) -> Response:
        return error_page(request, 500)

    app = Starlette(
        routes=[
            Route("/", pages.check, methods=["GET", "POST"]),
            Route("/oppna", pages.open_file, methods=["POST"]),
            Route("/bilaga", pages.bilaga, methods=["GET"]),
            Route("/api/v1/check", api.check, methods=["POST"]),
            Route("/api/v1/bilaga", api.bilaga, methods=["GET"]),
            Route("/api/v1/openapi.json", api.openapi, methods=["GET"]),
            Mount("/static", StaticFiles(packages=[("arvode.web", "static")]), name="static"),
        ],
        middleware=[Middleware(BodyLimit, limit=max_body)],
        exception_handlers={HTTPException: http_error, Exception: internal_error},
    )
    return SecurityHeaders(app)
