"""arvode serve without a browser: the pages and the JSON API through Starlette's TestClient."""

from __future__ import annotations

import ast
import json
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml
from starlette.testclient import TestClient
from web_helpers import ARVODE, EXAMPLES, cli_json, form_items, free_port, jsonable

import arvode
from arvode import Line, Rejection, Result, Rules
from arvode.web import MAX_BODY, create_app
from arvode.web import engine as web_engine
from arvode.web.form import from_claim_data

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
FORM = {"content-type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def client(rules: Rules) -> Iterator[TestClient]:
    with TestClient(create_app(rules)) as test_client:
        yield test_client


def example_data(path: Path) -> dict[str, object]:
    data = jsonable(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert isinstance(data, dict)
    return data


def post_form(client: TestClient, items: list[tuple[str, str]], action: str = "berakna") -> str:
    answer = client.post("/", content=urlencode([*items, ("action", action)]), headers=FORM)
    assert answer.status_code == 200, answer.text
    return answer.text


def page_lines(html: str) -> list[tuple[str, str, str]]:
    """(event, type, amount) of each result line, the amount read from what the reader sees."""
    rows = re.findall(
        r'<tr class="line" data-event="(\d*)" data-type="(\w+)" data-amount="([-\d.]+)">.*?'
        r'class="num amount[^"]*">([^<]*)</td>', html, re.DOTALL,
    )
    lines = []
    for event, type_, amount, shown in rows:
        seen = Decimal(shown.replace("kr", "").replace("\u00a0", "").replace(" ", "").replace(",", "."))
        assert f"{seen:.2f}" == amount, (shown, amount)
        lines.append((event, type_, amount))
    return lines


def json_lines(result: dict[str, object]) -> list[tuple[str, str, str]]:
    lines = result["lines"]
    assert isinstance(lines, list)
    return [(str(line.get("event", "")), line["type"], line["amount"]) for line in lines]


# ------------------------------------------------------------------------------ the JSON API
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_api_check_answers_exactly_what_the_cli_prints(client: TestClient, path: Path) -> None:
    answer = client.post("/api/v1/check", json=example_data(path))
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.text == cli_json(path)


def test_api_error_is_422_with_the_field_path_and_the_cli_message(client: TestClient, tmp_path: Path) -> None:
    data = example_data(EXAMPLES / "01-ledamot-dagstak.yaml")
    data["events"][1]["attended"] = "25:00-16:00"  # type: ignore[index]
    answer = client.post("/api/v1/check", json=data)
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["field"] == "events[1].attended"
    assert error["message"] == "'25:00-16:00' är inga klockslag: timmar 00–23 (24:00 som sluttid) och minuter 00–59"
    # the command line says the same about the same claim as a file
    claim = tmp_path / "claim.yaml"
    claim.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    done = subprocess.run([str(ARVODE), "check", str(claim)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().endswith(f"{error['field']}: {error['message']}")


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (b"{not json", None, "förfrågans innehåll är inte JSON"),
        (b'{"official": {"id": "a", "id": "b"}}', None, "'id' finns två gånger"),
        (b'{"official": {"id": "a", "income": {"hourly": 310.5}}, "period": "2025-03"}',
         "official.income.hourly", "är ett flyttal"),
        (b'{"official": {"id": "a"}, "period": "2025-03", "events": [{"date": "2025-03-02", "kind": "fest"}]}',
         "events[0].kind", "okänd sammanträdestyp 'fest'"),
        (b'{"official": {"id": "a"}, "period": NaN}', None, "NaN"),
        (b"[]", None, "väntade en mappning"),
    ],
)
def test_api_refuses_what_is_not_a_claim(
    client: TestClient, body: bytes, field: str | None, message: str
) -> None:
    answer = client.post("/api/v1/check", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["field"] == field
    assert message in error["message"]
    assert "Traceback" not in answer.text


def test_api_missing_amount_is_422_at_the_event(client: TestClient) -> None:
    claim = {"official": {"id": "a"}, "period": "2025-03",
             "events": [{"date": "2025-03-04", "organ": "socialnamnden", "kind": "sammantrade",
                         "called": "13:00-15:00", "childcare_hours": "2"}]}
    answer = client.post("/api/v1/check", json=claim)
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["field"] == "events[0].childcare_hours"  # the field whose value needs the missing amount
    assert "timkostnad_barntillsyn" in error["message"]


def test_api_bilaga_on_a_date(client: TestClient) -> None:
    answer = client.get("/api/v1/bilaga", params={"date": "2025-03-01"})
    assert answer.status_code == 200
    data = answer.json()
    amounts = {a["name"]: a for a in data["amounts"]}
    assert amounts["sammantradesersattning"]["value"] == "1173"
    assert amounts["sammantradesersattning"]["omrakning_step"] == "1"
    assert data["arsarvode"]["value"] == "1002100"
    roles = {r["role"]: r for r in data["roles"]}
    assert roles["kommunstyrelsen.ordforande"]["yearly"] == "1002100.00"
    assert roles["kommunstyrelsen.ordforande"]["monthly"] == "83508.33"
    assert data["group_leader_seats"][0]["percent"] == "12.60"


@pytest.mark.parametrize("query", [{}, {"date": "2025-13-01"}, {"date": "igår"}, {"date": "2024-12-31"}])
def test_api_bilaga_refuses_a_bad_date(client: TestClient, query: dict[str, str]) -> None:
    answer = client.get("/api/v1/bilaga", params=query)
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["field"] == "date"


def _check_keys(data: object, schema: dict[str, object], schemas: dict[str, dict[str, object]]) -> None:
    """Every key of ``data`` is a property the schema names (a small part of JSON Schema)."""
    if "$ref" in schema:
        schema = schemas[str(schema["$ref"]).rsplit("/", 1)[1]]
    if isinstance(data, dict) and isinstance(schema.get("properties"), dict):
        properties = schema["properties"]
        assert isinstance(properties, dict)
        for key in schema.get("required", []):  # type: ignore[attr-defined]
            assert key in data, key
        for key, value in data.items():
            assert key in properties, key
            _check_keys(value, properties[key], schemas)
    if isinstance(data, list) and isinstance(schema.get("items"), dict):
        for item in data:
            _check_keys(item, schema["items"], schemas)  # type: ignore[arg-type]
    if "enum" in schema:
        assert data in schema["enum"], data  # type: ignore[operator]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_openapi_describes_every_example_and_its_result(client: TestClient, path: Path) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert {"/api/v1/check", "/api/v1/bilaga", "/api/v1/openapi.json"} <= set(document["paths"])
    schemas = document["components"]["schemas"]
    _check_keys(example_data(path), schemas["Claim"], schemas)
    _check_keys(json.loads(cli_json(path)), schemas["Result"], schemas)


# ------------------------------------------------------------------------------ safe by default
@pytest.mark.parametrize("path", ["/", "/bilaga", "/api/v1/openapi.json", "/static/arvode.css", "/finns-inte"])
def test_every_response_has_a_content_security_policy(client: TestClient, path: str) -> None:
    answer = client.get(path)
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert answer.headers["x-content-type-options"] == "nosniff"
    if not path.startswith("/static/"):
        assert answer.headers["cache-control"] == "no-store"


def test_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    html = client.get("/").text
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
    assert "<style" not in html
    assert " style=" not in html
    assert re.search(r" on[a-z]+=", html) is None


def test_a_request_over_the_size_limit_is_refused_with_413(client: TestClient) -> None:
    big = b'{"official": {"id": "' + b"x" * MAX_BODY + b'"}}'
    answer = client.post("/api/v1/check", content=big, headers={"content-type": "application/json"})
    assert answer.status_code == 413
    assert answer.json()["errors"][0]["field"] is None
    page = client.post("/", content=b"official.id=" + b"x" * MAX_BODY, headers=FORM)
    assert page.status_code == 413
    assert "För stor förfrågan" in page.text
    assert page.headers["content-security-policy"]


def test_a_streamed_request_over_the_size_limit_is_refused_with_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"official": {"id": "'
        for _ in range(MAX_BODY // 65536 + 2):
            yield b"x" * 65536
        yield b'"}}'

    answer = client.post("/api/v1/check", content=chunks(), headers={"content-type": "application/json"})
    assert answer.status_code == 413


MARKUP = "<script>alert('x')</script>"


def test_markup_in_an_officials_name_and_id_is_escaped(client: TestClient) -> None:
    state = from_claim_data(example_data(EXAMPLES / "01-ledamot-dagstak.yaml"))
    state.values["official.name"] = MARKUP + " Anna"
    state.values["official.id"] = "<b>p-1</b>"
    html = post_form(client, form_items(state))
    assert "<script>alert" not in html
    assert "<b>p-1</b>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Anna" in html  # in the heading and the input
    assert "&lt;b&gt;p-1&lt;/b&gt;" in html


def test_markup_in_a_value_the_rules_do_not_know_is_escaped_in_its_error(client: TestClient) -> None:
    items = [("official.id", "p-1"), ("period", "2025-03"), ("events[0].date", "2025-03-03"),
             ("events[0].organ", "<img src=x onerror=alert(1)>"), ("events[0].kind", "sammantrade"),
             ("events[0].called", "13:00-15:00")]
    html = post_form(client, items)
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "okänt organ" in html


def test_markup_in_reasons_and_explanations_is_escaped(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    fabricated = Result(
        official="p-1", period="2025-03",
        lines=(Line("sammantradesersattning", Decimal("1173.00"), "2.2.1", f"text {MARKUP}", event=0),),
        rejected=(Rejection(0, "6.1", f"reason {MARKUP}"),),
    )
    monkeypatch.setattr(web_engine, "check", lambda *_args, **_kwargs: fabricated)
    html = post_form(client, [("official.id", "p-1"), ("period", "2025-03"), ("events[0].date", "2025-03-03")])
    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") == 2


def test_an_internal_error_is_a_swedish_page_without_a_traceback(
    rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> Result:
        raise RuntimeError("hemlig detalj ur motorn")

    monkeypatch.setattr(web_engine, "check", broken)
    with TestClient(create_app(rules), raise_server_exceptions=False) as test_client:
        page = test_client.post("/", content="official.id=p&action=berakna", headers=FORM)
        api = test_client.post("/api/v1/check", json={"official": {"id": "p"}, "period": "2025-03"})
    assert page.status_code == 500
    assert "Något gick fel" in page.text
    assert page.headers["content-security-policy"]
    assert api.status_code == 500
    assert api.json()["errors"][0]["message"] == "internt fel"
    for text in (page.text, api.text):
        assert "Traceback" not in text
        assert "hemlig" not in text
        assert "RuntimeError" not in text


def test_an_unknown_address_is_a_swedish_page(client: TestClient) -> None:
    answer = client.get("/finns-inte")
    assert answer.status_code == 404
    assert "Sidan finns inte" in answer.text
    assert client.get("/api/v1/finns-inte").json()["errors"][0]["message"] == "finns inte"


# ------------------------------------------------------------------------------ the check page
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_the_form_computes_what_the_cli_computes(client: TestClient, path: Path) -> None:
    html = post_form(client, form_items(from_claim_data(example_data(path))))
    expected = json.loads(cli_json(path))
    assert page_lines(html) == json_lines(expected)
    totals = dict(re.findall(r'<tr class="total[^"]*" data-type="(\w+)" data-amount="([-\d.]+)">', html))
    assert totals == expected["totals"]
    refused = re.findall(r'<tr class="refusal" data-event="(\d*)" data-rule="([^"]+)">', html)
    assert refused == [(str(r.get("event", "")), r["rule"]) for r in expected["rejected"]]


def test_an_error_is_shown_beside_its_field_and_listed_with_a_link(client: TestClient) -> None:
    state = from_claim_data(example_data(EXAMPLES / "01-ledamot-dagstak.yaml"))
    state.rows["events"][1]["attended"] = "25:00-16:00"
    html = post_form(client, form_items(state))
    field = re.search(r'<div class="field field-span has-error">(.*?)</div>', html, re.DOTALL)
    assert field is not None
    assert 'for="f-events-1-attended"' in field[1]
    assert 'id="f-events-1-attended-fel"' in field[1]
    assert "är inga klockslag" in field[1]
    assert 'aria-describedby="f-events-1-attended-hint f-events-1-attended-fel" aria-invalid="true"' in field[1]
    assert '<a href="#f-events-1-attended">Händelse 2, närvarotid:' in html
    assert 'class="line"' not in html  # nothing is computed from a claim with an error


def test_every_problem_of_the_month_is_shown_at_once(client: TestClient) -> None:
    items = [("official.id", "p-1"), ("official.income.hourly", "3,10,0"), ("period", "2025-03"),
             ("events[0].date", "2025-03-40"), ("events[0].kind", "sammantrade"),
             ("events[1].date", "2025-03-05"), ("events[1].kind", "sammantrade"),
             ("events[1].organ", "socialnamnden"),
             ("events[2].date", "2025-03-06"), ("events[2].kind", "sammantrade"), ("events[2].organ", "ksapu"),
             ("events[2].called", "13-15")]
    html = post_form(client, items)
    for target in ("official-income-hourly", "events-0-date", "events-1", "events-2-called"):
        assert f'<a href="#f-{target}">' in html, target
    assert "Det finns 4 fel att rätta" in html


def test_a_decimal_comma_is_read_as_the_claim_formats_point(client: TestClient) -> None:
    items = [("official.id", "p-1"), ("official.income.hourly", "310,00"), ("period", "2025-03"),
             ("events[0].date", "2025-03-12"), ("events[0].organ", "kommunfullmaktige"),
             ("events[0].kind", "sammantrade"), ("events[0].called", "13:00-17:00"),
             ("events[0].lost_income.hours", "4,5")]
    html = post_form(client, items)
    assert ("0", "forlorad_arbetsinkomst", "1395.00") in page_lines(html)


def test_rows_are_added_and_removed_without_a_script(client: TestClient) -> None:
    items = [("official.id", "p-1"), ("events[0].date", "2025-03-12"), ("events[1].date", "2025-03-13")]
    added = post_form(client, items, "lagg_till:events")
    assert re.findall(r'<legend>Händelse (\d+)</legend>', added) == ["1", "2", "3"]
    assert re.search(r'id="f-events-2-date" name="events\[2\]\.date" value=""[^>]*autofocus', added)
    removed = post_form(client, items, "ta_bort:events:0")
    assert 'name="events[0].date" value="2025-03-13"' in removed
    with_role = post_form(client, items, "lagg_till:official.assignments")
    assert 'name="official.assignments[0].role"' in with_role


def test_the_month_downloads_as_a_claim_file_and_opens_again(client: TestClient, tmp_path: Path) -> None:
    path = EXAMPLES / "10-sarskilt-beslut-ks-2024-27.yaml"
    items = form_items(from_claim_data(example_data(path)))
    answer = client.post("/", content=urlencode([*items, ("action", "ladda_ner")]), headers=FORM)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/yaml")
    assert 'attachment; filename="ersattning-' in answer.headers["content-disposition"]
    saved = tmp_path / "sparad.yaml"
    saved.write_bytes(answer.content)
    assert json.loads(cli_json(saved)) == json.loads(cli_json(path))
    opened = client.post("/oppna", files={"fil": ("sparad.yaml", answer.content, "application/yaml")})
    assert opened.status_code == 200
    assert page_lines(opened.text) == json_lines(json.loads(cli_json(path)))
    assert form_items(from_claim_data(example_data(saved))) == items


@pytest.mark.parametrize(
    ("content", "shown"),
    [
        (b"\xff\xfe not utf-8", "Filen kunde inte öppnas: Filen är inte text i UTF-8."),
        (b"official: [", "Filen kunde inte öppnas: rad"),
        (b"- a list", "Filen kunde inte öppnas"),
        (b"", "Välj en fil att öppna."),
    ],
)
def test_a_file_that_is_no_claim_says_why(client: TestClient, content: bytes, shown: str) -> None:
    answer = client.post("/oppna", files={"fil": ("x.yaml", content, "application/yaml")})
    assert answer.status_code == 200
    assert shown in answer.text


def test_a_file_with_a_field_the_form_does_not_know_says_so(client: TestClient) -> None:
    text = (EXAMPLES / "01-ledamot-dagstak.yaml").read_text(encoding="utf-8")
    text = text.replace("    kind: protokolljustering\n", "    kind: protokolljustering\n    atended: x\n", 1)
    answer = client.post("/oppna", files={"fil": ("x.yaml", text.encode(), "application/yaml")})
    assert "Filen har ett fel som formuläret inte visar" in answer.text
    assert "events[1].atended" in answer.text


class _Labels(HTMLParser):
    """Inputs, selects and the labels that name them; ids outside the row templates."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[str] = []
        self.labelled: set[str] = set()
        self.options: list[str] = []
        self.ids: list[str] = []
        self.described: set[str] = set()
        self._option = False
        self._template = 0

    def handle_endtag(self, tag: str) -> None:
        self._template -= tag == "template"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self._template += tag == "template"
        if found.get("id") and not self._template:
            self.ids.append(str(found["id"]))
        if found.get("aria-describedby") and not self._template:
            self.described.update(str(found["aria-describedby"]).split())
        if tag in ("input", "select") and found.get("type") not in ("hidden", "submit"):
            self.fields.append(str(found.get("id")))
        if tag == "label" and found.get("for"):
            self.labelled.add(str(found["for"]))
        self._option = tag == "option"

    def handle_data(self, data: str) -> None:
        if self._option and data.strip():
            self.options.append(data.strip())
            self._option = False


def test_every_field_has_a_label_and_selects_show_the_rules_names(client: TestClient, rules: Rules) -> None:
    parser = _Labels()
    parser.feed(post_form(client, [("events[0].date", "x")], "lagg_till:official.assignments"))
    assert parser.fields
    assert set(parser.fields) <= parser.labelled
    assert len(parser.ids) == len(set(parser.ids))
    assert parser.described <= set(parser.ids)
    for organ in rules.organs.values():
        assert organ.name in parser.options
    for kind in rules.kinds.values():
        assert kind.name in parser.options
    for role in rules.roles.values():
        assert role.title in parser.options
    keys = set(rules.organs) | set(rules.kinds) | set(rules.roles)
    assert not keys & set(parser.options)


def test_bilaga_page_shows_the_document_of_arvode_bilaga(client: TestClient, rules: Rules) -> None:
    import datetime as dt

    answer = client.get("/bilaga", params={"datum": "2025-03-01", "jamfor": "2025-01-01"})
    assert answer.status_code == 200
    document = arvode.build_document(
        arvode.bilaga_on(rules, dt.date(2025, 3, 1)), arvode.bilaga_on(rules, dt.date(2025, 1, 1))
    )
    for table in document.tables:
        assert table.title in answer.text
        for row in table.rows:
            assert f"<th scope=\"row\">{row[0]}</th>" in answer.text.replace("&#39;", "'")
    assert "1 173 kr" in answer.text


@pytest.mark.parametrize(
    ("query", "message"),
    [({"datum": "2025-02-30"}, "Ange ett datum"), ({"datum": "2024-06-01"}, "inga regler gäller 2024-06-01")],
)
def test_bilaga_page_shows_a_date_error_beside_the_date(
    client: TestClient, query: dict[str, str], message: str
) -> None:
    answer = client.get("/bilaga", params=query)
    assert answer.status_code == 422
    assert re.search(r'<p class="error" id="b-datum-fel">.*?' + message, answer.text)


# ------------------------------------------------------------------------------ the layer itself
def test_the_web_layer_uses_only_the_public_api() -> None:
    package = Path(arvode.__file__).parent / "web"
    for module in package.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [node.module or ""] if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names] if isinstance(node, ast.Import) else []
            )
            for name in names:
                if name == "arvode" or not name.startswith("arvode"):
                    continue
                assert name.startswith("arvode.web"), f"{module.name} imports {name}"


def test_arvode_check_does_not_load_the_web_stack() -> None:
    code = (
        "import sys\nfrom arvode.cli import main\n"
        f"main(['check', {str(EXAMPLES / '01-ledamot-dagstak.yaml')!r}])\n"
        "loaded = sorted(m for m in ('starlette', 'jinja2', 'uvicorn', 'multipart', 'arvode.web') if m in sys.modules)\n"
        "print('LOADED', loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stdout


def test_serve_help_is_swedish() -> None:
    done = subprocess.run([str(ARVODE), "serve", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.startswith("användning: arvode serve")
    for swedish in ("flaggor:", "visa den här hjälpen", "127.0.0.1", "Inget som fylls i sparas"):
        assert swedish in done.stdout
    for english in ("usage:", "options:", "show this help"):
        assert english not in done.stdout
    listed = subprocess.run([str(ARVODE), "--help"], capture_output=True, text=True).stdout
    assert "webbsida och JSON-API" in listed


def test_serve_says_in_swedish_when_its_port_is_taken() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([str(ARVODE), "serve", "--port", str(port)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert f"kan inte lyssna på 127.0.0.1 port {port}" in done.stderr


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_serve_stops_cleanly(stop: signal.Signals) -> None:
    port = free_port()
    process = subprocess.Popen([str(ARVODE), "serve", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        assert f"http://127.0.0.1:{port}/" in process.stdout.readline()
        time.sleep(0.5)
        process.send_signal(stop)
        output = process.communicate(timeout=20)[0]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0
    assert "arvode serve: avslutad." in output
    assert "Traceback" not in output
