"""arvode serve in a real browser: headless Chromium (Debian's) against the real server.

The server is started through the installed entry point (``arvode serve --port N``)
on a free loopback port. An official's month is filled in, calculated, downloaded
and checked with ``arvode check --json``; the file is opened again; a wrong time
shows its error beside its field; the form is used with the keyboard alone; the
page fits a 375 px wide screen.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_helpers import (
    by_name,
    cli_result,
    click_button,
    fill,
    fill_month,
    require_browser,
    running_server,
    shown_result,
    start_browser,
    wait_for,
)

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")  # selenium's sockets to chromedriver


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    require_browser()
    with running_server() as url:
        yield url


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("nedladdningar")


@pytest.fixture(scope="module")
def browser(downloads: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    require_browser()
    driver = start_browser(tmp_path_factory.mktemp("chromium-profil"), downloads)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


# ------------------------------------------------------------------------------ tests
def test_a_month_in_the_browser_equals_arvode_check(browser: Any, server: str, downloads: Path) -> None:
    fill_month(browser, server)
    click_button(browser, "berakna")
    lines, totals = shown_result(browser)
    types = {line[1] for line in lines}
    assert {"sammantradesersattning", "forrattningsersattning", "forlorad_arbetsinkomst", "reseersattning",
            "fardtidsersattning", "forlorad_semesterersattning", "forlorad_pensionsforman"} <= types

    for old in downloads.glob("*"):
        old.unlink()
    click_button(browser, "ladda_ner")
    saved = wait_for(lambda: list(downloads.glob("*.yaml")), "the downloaded claim file")[0]
    time.sleep(0.2)
    assert saved.name == "ersattning-p-2031-2025-04.yaml"
    assert (lines, totals) == cli_result(saved)


def test_a_saved_month_opens_again_filled_in(browser: Any, server: str, downloads: Path) -> None:
    from selenium.webdriver.common.by import By

    saved = sorted(downloads.glob("*.yaml"))
    if not saved:
        pytest.skip("needs the file the previous test downloaded")
    browser.get(server + "/")
    browser.find_element(By.ID, "fil").send_keys(str(saved[0]))
    browser.find_element(By.CSS_SELECTOR, ".open-file button").click()
    lines, totals = shown_result(browser)
    assert (lines, totals) == cli_result(saved[0])
    assert by_name(browser, "official.id").get_attribute("value") == "p-2031"
    assert by_name(browser, "official.income.hourly").get_attribute("value") == "295.00"
    assert by_name(browser, "official.income.vacation_pay_loss").is_selected()
    assert by_name(browser, "events[1].participation").get_attribute("value") == "ersattare"
    assert by_name(browser, "events[1].lost_income.hours").get_attribute("value") == "3.5"
    assert by_name(browser, "events[1].travel.hours").is_displayed()  # a box with values opens
    assert by_name(browser, "events[2].kind").get_attribute("value") == "protokolljustering"


def test_a_wrong_time_shows_its_error_beside_its_field(browser: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    fill_month(browser, server)
    fill(browser, "events[0].attended", "25:00-15:30")
    click_button(browser, "berakna")
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, ".error-summary"), "the list of errors")
    field = by_name(browser, "events[0].attended")
    error = browser.find_element(By.ID, "f-events-0-attended-fel")
    assert "är inga klockslag" in error.text
    assert error.find_element(By.XPATH, "./ancestor::div[contains(@class, 'field')][1]") == \
        field.find_element(By.XPATH, "./ancestor::div[contains(@class, 'field')][1]")
    assert field.get_attribute("aria-invalid") == "true"
    assert "f-events-0-attended-fel" in (field.get_attribute("aria-describedby") or "").split()
    assert abs(error.rect["y"] - field.rect["y"]) < 120
    assert not browser.find_elements(By.CSS_SELECTOR, "table.lines")
    link = browser.find_element(By.CSS_SELECTOR, '.error-summary a[href="#f-events-0-attended"]')
    link.click()
    assert browser.switch_to.active_element == field


def test_the_form_works_with_the_keyboard_alone(browser: Any, server: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(server + "/")

    def active() -> Any:
        return browser.switch_to.active_element

    def tab_to(name: str = "", text: str = "") -> None:
        for _ in range(150):
            ActionChains(browser).send_keys(Keys.TAB).perform()
            element = active()
            if (name and element.get_attribute("name") == name) or (text and element.text == text):
                return
        pytest.fail(f"Tab never reached {name or text}")

    def type_(keys: str) -> None:
        ActionChains(browser).send_keys(keys).perform()

    tab_to("official.id")
    type_("p-77")
    tab_to("period")
    type_("2025-05")
    tab_to("events[0].date")
    type_("2025-05-06")
    tab_to("events[0].organ")
    type_("Socialnämnden")
    tab_to("events[0].kind")
    type_("Sammanträde")
    tab_to("events[0].called")
    type_("13:00-15:30")
    tab_to(text="Lägg till händelse")
    type_(Keys.ENTER)
    assert active().get_attribute("name") == "events[1].date"  # the new row has the focus
    type_("2025-05-07")
    tab_to("events[1].organ")
    type_("Kommunfullmäktige")
    tab_to("events[1].kind")
    type_("Protokolljustering")
    tab_to("events[1].date")  # back in a text field: Enter calculates
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    tab_to("events[1].date")
    type_(Keys.ENTER)
    lines, totals = shown_result(browser)
    assert ("0", "sammantradesersattning", "1173.00") in lines
    assert ("1", "forrattningsersattning", "195.50") in lines
    assert totals["total"] == "1368.50"


def test_the_result_prints_without_the_form(browser: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    fill_month(browser, server)
    click_button(browser, "berakna")
    shown_result(browser)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element(By.ID, "kontroll").is_displayed()
        assert not browser.find_element(By.CSS_SELECTOR, ".open-file").is_displayed()
        assert browser.find_element(By.CSS_SELECTOR, "table.lines").is_displayed()
        assert browser.find_element(By.CSS_SELECTOR, "table.totals").is_displayed()
        assert browser.find_element(By.CSS_SELECTOR, "#resultat .print-only").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


@pytest.mark.parametrize("page", ["kontroll", "bilaga"])
def test_a_375_px_screen_needs_no_sideways_scrolling(browser: Any, server: str, page: str) -> None:
    browser.set_window_size(375, 800)
    try:
        width = browser.execute_script("return window.innerWidth")
        assert width <= 400, f"the window is {width} px wide"
        if page == "kontroll":
            fill_month(browser, server)
            click_button(browser, "berakna")
            shown_result(browser)
        else:
            browser.get(server + "/bilaga?datum=2025-03-01&jamfor=2026-01-01")
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
    finally:
        browser.set_window_size(1280, 1000)
