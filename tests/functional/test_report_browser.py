"""The HTML report as a reviewer sees it: rendered by headless Chromium, offline.

Needs the Debian packages chromium and chromium-driver (`.ci/run` installs them) and
selenium (the test extra); skipped, saying which is missing, without them. The
screenshot is kept in tests/artifacts/ (or $ALIGNER_TEST_ARTIFACTS) for a human to look at.
"""

import os
import shutil
from pathlib import Path

import pytest

from aligner.cli import main

ARTIFACTS = Path(os.environ.get("ALIGNER_TEST_ARTIFACTS", Path(__file__).parents[1] / "artifacts"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
#: Headless, sandbox-less (CI runs as root), and nothing that reaches for the network.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
)


def missing_browser(chromium: str | None, chromedriver: str | None) -> str | None:
    """What is missing to drive Chromium, said as the skip reason, or None."""
    missing = {
        program: package
        for program, package, path in (
            ("chromium", "chromium", chromium),
            ("chromedriver", "chromium-driver", chromedriver),
        )
        if path is None
    }
    if not missing:
        return None
    verb = "is" if len(missing) == 1 else "are"
    packages = " ".join(missing.values())
    return f"{' and '.join(missing)} {verb} not installed (apt-get install {packages})"


def test_the_skip_reason_says_exactly_what_is_missing():
    assert missing_browser("/usr/bin/chromium", "/usr/bin/chromedriver") is None
    assert missing_browser("/usr/bin/chromium", None) == (
        "chromedriver is not installed (apt-get install chromium-driver)"
    )
    assert missing_browser(None, "/usr/bin/chromedriver") == (
        "chromium is not installed (apt-get install chromium)"
    )
    assert missing_browser(None, None) == (
        "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
    )


@pytest.fixture
def browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    if missing := missing_browser(CHROMIUM, CHROMEDRIVER):
        pytest.skip(missing)
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    yield driver
    driver.quit()


@pytest.fixture
def corrupted_report(corrupted_seed_paths, tmp_path) -> Path:
    output = tmp_path / "report.html"
    assert main(["report", *map(str, corrupted_seed_paths), "-o", str(output)]) == 0
    return output


def test_the_currency_error_is_visibly_highlighted_in_chromium(browser, corrupted_report):
    from selenium.webdriver.common.by import By

    browser.get(corrupted_report.as_uri())
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.error")
    assert [mark.text for mark in marks] == ["rubli", "$"]
    page_background = browser.find_element(By.TAG_NAME, "body").value_of_css_property(
        "background-color"
    )
    for mark in marks:
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
        assert mark.is_displayed()
        assert mark.size["width"] > 0 and mark.size["height"] > 0
        assert mark.value_of_css_property("background-color") != page_background
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "report-corrupted-seed.png"
    assert browser.save_screenshot(str(screenshot))
    assert screenshot.read_bytes().startswith(b"\x89PNG")


def test_the_errors_filter_hides_clean_pairs_in_chromium(browser, corrupted_report):
    from selenium.webdriver.common.by import By

    browser.get(corrupted_report.as_uri())
    clean = browser.find_elements(By.CSS_SELECTOR, "tbody.clean")
    assert clean and all(body.is_displayed() for body in clean)
    browser.find_element(By.CSS_SELECTOR, "label[for='show-serious']").click()
    assert not any(body.is_displayed() for body in clean)
    assert not any(b.is_displayed() for b in browser.find_elements(By.CSS_SELECTOR, "tbody.info"))
    [error] = browser.find_elements(By.CSS_SELECTOR, "tbody.error")
    assert error.is_displayed()
    browser.find_element(By.CSS_SELECTOR, "label[for='show-all']").click()
    assert all(body.is_displayed() for body in clean)
