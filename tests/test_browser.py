"""In a real browser: Chromium (Debian's) drives a real `streamlit run` server on 127.0.0.1.

Screenshots of every page are saved under test-artifacts/ for people to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_WORKBOOK, score_json

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
# Chromium flags for a sandboxed machine with no outside network (see the machine notes).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = [
    "Overview",
    "Progress",
    "Alignment",
    "Distributions",
    "Health",
    "Trends",
    "Data",
    "Reports",
]

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI needs Debian's chromium for the browser tests (.ci/run installs it)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

# A shared two-core machine renders slowly; give every expectation a minute.
expect.set_options(timeout=60_000)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"streamlit did not start: {process.stderr.read()!r}"
                    ) from None
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


@pytest.fixture(scope="module")
def browser_page(server) -> Iterator[Page]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 1400, "height": 1000}, accept_downloads=True
        )
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(server)
        yield page
        context.close()
        browser.close()


def metric(page: Page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=label).first
    return box.get_by_test_id("stMetricValue").inner_text().strip()


def wait_until_idle(page: Page) -> None:
    page.wait_for_timeout(300)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)


def test_a_person_uploads_a_workbook_browses_every_page_and_downloads(browser_page: Page):
    page = browser_page
    expect(page.get_by_test_id("stMetric").filter(has_text="Company score")).to_be_visible()
    as_of = page.get_by_test_id("stDateInput").locator("input").input_value()

    page.locator("section[data-testid='stSidebar'] input[type='file']").set_input_files(
        str(SAMPLE_WORKBOOK)
    )
    expect(page.get_by_text(f"Showing {SAMPLE_WORKBOOK.name}.")).to_be_visible()
    wait_until_idle(page)
    expected = score_json(SAMPLE_WORKBOOK, "--as-of", _iso(as_of))["company"]
    assert metric(page, "Company score") == f"{expected['score']:.2f}"
    assert metric(page, "Grade") == expected["grade"].title()

    for name in PAGES:
        page.get_by_role("link", name=name).first.click()
        expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
        wait_until_idle(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=str(ARTIFACTS / f"{name.lower()}.png"), full_page=True)

    # The sample's weekly check-ins draw progress over the quarter.
    page.get_by_role("link", name="Trends").first.click()
    wait_until_idle(page)
    expect(page.get_by_role("heading", name="Progress over the quarter")).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()

    page.get_by_role("link", name="Reports").first.click()
    wait_until_idle(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Objectives (CSV)").click()
    download = download_info.value
    target = ARTIFACTS / download.suggested_filename
    download.save_as(target)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("objective_id,objective,quarter,level")
    assert len(lines) - 1 == expected["objectives"]


def _iso(shown: str) -> str:
    """Streamlit shows dates as YYYY/MM/DD by default."""
    return shown.replace("/", "-").replace(" ", "")
