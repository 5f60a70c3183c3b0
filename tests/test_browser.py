"""The pages in a real browser (Debian's chromium driven by Playwright), from disk, offline."""

import os
from pathlib import Path

import pytest
from conftest import CHROMIUM

# Screenshots for review go to pytest's temporary folder (kept for the last three runs), or where
# JUESUAN_SCREENSHOTS says; the tests write nothing into the repository.
SCREENSHOTS = Path(os.environ["JUESUAN_SCREENSHOTS"]) if os.environ.get("JUESUAN_SCREENSHOTS") else None

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail("chromium is required in CI (make test installs it)", pytrace=False)
    pytest.skip("NOTICE: browser tests skipped: chromium is not installed (sudo apt-get install chromium)",
                allow_module_level=True)


@pytest.fixture(scope="module", autouse=True)
def _screenshots(tmp_path_factory):
    global SCREENSHOTS
    SCREENSHOTS = SCREENSHOTS or tmp_path_factory.mktemp("screenshots")



def open_page(browser, path: Path, width=1200, height=900):
    """A page with every request outside file:/data: blocked and recorded, console errors kept."""
    context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
    page = context.new_page()
    page.blocked, page.errors = [], []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            page.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri(), wait_until="load")
    return page


@pytest.mark.parametrize("year", [2023, 2022])
def test_report_page_in_the_browser(project, browser, year):
    root, _ = project
    page = open_page(browser, root / "reports" / f"{year}.html")
    images = page.locator("figure img")
    assert images.count() == 7
    for i in range(7):
        img = images.nth(i)
        img.scroll_into_view_if_needed()
        assert img.is_visible()
        assert img.evaluate("el => el.complete && el.naturalWidth > 0")
        assert img.get_attribute("alt").startswith(f"图{i + 1}")
    text = page.inner_text("body")
    assert "关键数据" in text and "数据核对" in text and "图7" in text
    # the page carries its own CJK glyphs: Chinese renders even where no Chinese font is installed
    page.evaluate("document.fonts.ready")
    assert page.evaluate("Array.from(document.fonts).some(f => f.family === 'juesuan-cjk' && f.status === 'loaded')")
    assert page.blocked == [] and page.errors == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{year}.png", full_page=True)
    page.context.close()


def test_index_in_the_browser(project, browser):
    root, _ = project
    page = open_page(browser, root / "reports" / "index.html")
    assert page.locator("a[href='2023.html']").count() == 1
    assert "跨年度主要指标" in page.inner_text("body")
    assert page.locator("section.across figure.spark svg").first.is_visible()
    assert page.blocked == [] and page.errors == []
    page.screenshot(path=SCREENSHOTS / "index.png", full_page=True)
    page.context.close()


@pytest.mark.parametrize("name", ["2023.html", "index.html"])
def test_readable_at_phone_width(project, browser, name):
    root, _ = project
    page = open_page(browser, root / "reports" / name, width=390, height=844)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page scrolls sideways by {overflow}px at phone width"
    page.screenshot(path=SCREENSHOTS / f"phone-{name}.png")
    page.context.close()


def test_prints_on_a4_without_splitting_a_chart(project, browser):
    root, _ = project
    page = open_page(browser, root / "reports" / "2023.html")
    page.emulate_media(media="print")
    styles = page.locator("figure").evaluate_all("els => els.map(e => getComputedStyle(e).breakInside)")
    assert styles == ["avoid"] * 7
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.context.close()


def test_csv_downloads_from_the_page(project, browser, tmp_path):
    root, _ = project
    page = open_page(browser, root / "reports" / "2023.html")
    link = page.locator("ul.downloads a", has_text="功能分类支出")
    with page.expect_download() as info:
        link.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    data = path.read_bytes()
    assert info.value.suggested_filename == "2023_expenditure_by_function.csv"
    assert data.startswith(b"\xef\xbb\xbf") and "2010350,项,事业运行,事业支出".encode() in data
    page.context.close()


def test_text_left_numbers_right(project, browser):
    root, _ = project
    page = open_page(browser, root / "reports" / "2023.html")
    align = page.evaluate("""() => {
        const row = document.querySelector('#functions tbody tr');
        return [getComputedStyle(row.children[2]).textAlign, getComputedStyle(row.children[4]).textAlign];
    }""")
    assert align == ["left", "right"]
    page.context.close()
