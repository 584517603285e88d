"""Helpers of the web tests: a claim as form fields, the real server, headless Chromium.

The browser is Debian's (``chromium`` and ``chromium-driver``), named by path so
that Selenium's manager never looks for, let alone downloads, another one. When
it is missing the browser tests are skipped with the reason; with
``ARVODE_REQUIRE_BROWSER=1`` (``.ci/run`` sets it) a missing browser fails them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from arvode.web.form import PARTS, FormState

ARVODE = Path(sys.executable).parent / "arvode"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
#: How this machine's Chromium runs headless with no network but loopback (machines/python.md).
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=sv-SE",
)


def jsonable(value: Any) -> Any:
    """YAML's data as JSON's: dates become ISO text, as a JSON claim writes them."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def form_items(state: FormState) -> list[tuple[str, str]]:
    """The (name, value) pairs a browser submits for ``state`` (unchecked boxes send nothing)."""
    items = []
    for part in PARTS:
        names = (
            [part.name(f, i) for i in range(state.row_count(part)) for f in part.fields]
            if part.repeated else [part.name(f) for f in part.fields]
        )
        for name in names:
            value = state.value(name)
            items += [(name, v) for v in (value if isinstance(value, list) else [value]) if v != ""]
    return items


def cli_json(path: Path) -> str:
    done = subprocess.run([str(ARVODE), "check", "--json", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


# ----------------------------------------------------------------------------- the server
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_server(*args: str) -> Iterator[str]:
    """``arvode serve --port N`` in a subprocess, through the installed entry point."""
    port = free_port()
    process = subprocess.Popen(
        [str(ARVODE), "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "/api/v1/openapi.json", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.communicate(timeout=5)[0] if process.poll() is not None else ""
                    pytest.fail(f"arvode serve did not start on port {port}: {output}")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        if process.stdout is not None:
            process.stdout.close()


# ----------------------------------------------------------------------------- the browser
def require_browser() -> None:
    """Skip (or, with ARVODE_REQUIRE_BROWSER=1, fail) when headless Chromium cannot run."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the Python package selenium (pip install '.[test]')")
    if not missing:
        return
    reason = (
        f"browser tests need headless Chromium; not found: {', '.join(missing)} "
        "(Debian: apt-get install chromium chromium-driver)"
    )
    if os.environ.get("ARVODE_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + "; ARVODE_REQUIRE_BROWSER=1 makes a missing browser a failure", pytrace=False)
    pytest.skip(reason)


def start_browser(profile: Path, download_dir: Path, width: int = 1280, height: int = 1000) -> Any:
    """Chromium through chromedriver, both Debian's: a fresh ``profile``, downloads to ``download_dir``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.add_experimental_option("prefs", {
        "download.default_directory": str(download_dir),
        "download.prompt_for_download": False,
        "intl.accept_languages": "sv-SE,sv",
    })
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)})
    return driver


CHECKED = object()

#: A realistic April for a member: KF with lost income and travel, a nämnd as ersättare, a justering.
OFFICIAL = {
    "official.id": "p-2031",
    "official.name": "Maria Lindqvist",
    "official.home_distance_km": "18",
    "official.income.hourly": "295,00",
    "official.income.vacation_pay_loss": CHECKED,
    "period": "2025-04",
}
EVENTS: list[dict[str, Any]] = [
    {"date": "2025-04-14", "organ": "Kommunfullmäktige", "kind": "Sammanträde", "called": "09:00-16:00",
     "attended": "09:00-15:30", "lost_income.hours": "7", "travel.km": "36"},
    {"date": "2025-04-22", "organ": "Socialnämnden", "kind": "Sammanträde", "called": "13:00-16:00",
     "attended": "13:00-16:00", "participation": "Ersättare, tjänstgjorde", "lost_income.hours": "3,5",
     "travel.km": "36", "travel.hours": "1"},
    {"date": "2025-04-24", "organ": "Kommunfullmäktige", "kind": "Protokolljustering"},
]


# ----------------------------------------------------------------------------- in the browser
def by_name(driver: Any, name: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.NAME, name)


def wait_for(condition: Any, what: str, timeout: float = 15) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def reveal(element: Any) -> None:
    """Open the folded box an input sits in, the way a person does: click its summary."""
    from selenium.webdriver.common.by import By

    if element.is_displayed():
        return
    details = element.find_element(By.XPATH, "./ancestor::details[1]")
    details.find_element(By.TAG_NAME, "summary").click()
    assert element.is_displayed()


def fill(driver: Any, name: str, value: object) -> None:
    from selenium.webdriver.support.ui import Select

    element = by_name(driver, name)
    reveal(element)
    if element.tag_name == "select":
        Select(element).select_by_visible_text(str(value))
    elif value is CHECKED:
        if not element.is_selected():
            element.click()
    else:
        element.clear()
        element.send_keys(str(value))


def click_button(driver: Any, value: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, f'form#kontroll button[value="{value}"]:not(.visually-hidden)').click()


def kronor(text: str) -> str:
    """``1 173,00 kr`` as the claim format's ``1173.00``."""
    digits = text.replace("kr", "").replace("\u00a0", "").replace(" ", "").replace("\u2212", "-").replace(",", ".")
    return f"{Decimal(digits):.2f}"


def shown_result(driver: Any) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """Every line (event, type, amount as read on the page) and every total, from the page."""
    from selenium.webdriver.common.by import By

    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#resultat"), "the result")
    lines = []
    for row in driver.find_elements(By.CSS_SELECTOR, "table.lines tr.line"):
        amount = kronor(row.find_element(By.CSS_SELECTOR, "td.amount").text)
        assert amount == row.get_attribute("data-amount")
        lines.append((row.get_attribute("data-event") or "", row.get_attribute("data-type"), amount))
    totals = {}
    for row in driver.find_elements(By.CSS_SELECTOR, "table.totals tr.total"):
        totals[row.get_attribute("data-type")] = kronor(row.find_element(By.CSS_SELECTOR, "td").text)
    return lines, totals


def cli_result(path: Path) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    done = subprocess.run([str(ARVODE), "check", "--json", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    lines = [(str(line.get("event", "")), line["type"], line["amount"]) for line in data["lines"]]
    return lines, data["totals"]


def fill_month(driver: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(server + "/")
    for name, value in OFFICIAL.items():
        fill(driver, name, value)
    for index, event in enumerate(EVENTS):
        if index:
            driver.find_element(By.CSS_SELECTOR, 'button[data-add="f-events"]').click()
            wait_for(lambda i=index: driver.find_elements(By.NAME, f"events[{i}].date"), "a new event row")
        for field, value in event.items():
            fill(driver, f"events[{index}].{field}", value)
