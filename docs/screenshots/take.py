"""Take the README's screenshots of arvode serve with the browser the tests use.

Starts ``arvode serve`` on a free port and fills in the browser test's month in
headless Chromium (Debian's): ``kontroll-formular.png`` is the top of the filled
form, ``kontroll.png`` what the official sees after Beräkna (the end of the form
and the explained result), ``bilaga.png`` the top of the Bilaga 1 page.

    python docs/screenshots/take.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "tests"))

from web_helpers import (  # noqa: E402 - the tests' helpers, found through the path above
    click_button,
    fill_month,
    require_browser,
    running_server,
    shown_result,
    start_browser,
)


def main() -> None:
    require_browser()
    with tempfile.TemporaryDirectory() as work, running_server() as url:
        driver = start_browser(Path(work) / "profil", Path(work), 1100, 900)
        try:
            driver.set_window_size(1100, 1800)
            fill_month(driver, url)
            driver.execute_script("window.scrollTo(0, 0)")
            driver.save_screenshot(str(HERE / "kontroll-formular.png"))
            click_button(driver, "berakna")
            shown_result(driver)
            driver.execute_script("document.getElementById('resultat').scrollIntoView(); window.scrollBy(0, -230)")
            driver.save_screenshot(str(HERE / "kontroll.png"))
            driver.get(url + "/bilaga?datum=2025-03-01")
            driver.save_screenshot(str(HERE / "bilaga.png"))
        finally:
            driver.quit()
    print(f"saved kontroll-formular.png, kontroll.png and bilaga.png in {HERE}")


if __name__ == "__main__":
    main()
