"""The pages in a real browser (Debian's chromium driven by Playwright), from disk, offline."""

import os
from pathlib import Path

import pytest
from conftest import CHROMIUM
from project_builder import ANJU, EDU
from project_builder import page as page_of

pytestmark = pytest.mark.slow  # Chromium (Playwright) over the batch-built project

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


@pytest.mark.parametrize(("year", "department"), [(2023, ANJU), (2022, EDU)])
def test_report_page_in_the_browser(project, browser, year, department):
    root, _ = project
    page = open_page(browser, page_of(root, year, department))
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
    assert page.locator("a[href='2023/index.html']").count() == 3  # the years list, and both 2023 rows of the table
    assert "跨年度主要指标" in page.inner_text("body")
    assert page.locator("section.across figure.spark svg").first.is_visible()
    assert page.blocked == [] and page.errors == []
    page.screenshot(path=SCREENSHOTS / "index.png", full_page=True)
    page.context.close()


def test_year_index_sorts_and_links(project, browser):
    root, _ = project
    page = open_page(browser, root / "reports" / "2023" / "index.html")
    names = lambda: page.locator("table.departments tbody tr td:first-child").all_inner_texts()  # noqa: E731
    assert names() == ["示例区审计局", "遂宁市安居区人民政府办公室"]
    header = page.locator("table.departments th", has_text="核对错误")
    header.click()  # most errors first
    assert names() == ["遂宁市安居区人民政府办公室", "示例区审计局"] and header.get_attribute("aria-sort") == "descending"
    header.click()
    assert names() == ["示例区审计局", "遂宁市安居区人民政府办公室"] and header.get_attribute("aria-sort") == "ascending"
    assert page.locator("figure.bars svg").first.is_visible()
    page.screenshot(path=SCREENSHOTS / "year-index.png", full_page=True)
    page.locator("table.departments a", has_text="遂宁市安居区人民政府办公室").click()  # a Chinese file name, quoted
    page.wait_for_load_state("load")
    assert page.url.endswith(".html") and "关键数据" in page.inner_text("body")
    assert page.blocked == [] and page.errors == []
    page.context.close()


@pytest.mark.parametrize("name", [f"2023/{ANJU}.html", "index.html", "2023/index.html"])
def test_readable_at_phone_width(project, browser, name):
    root, _ = project
    page = open_page(browser, root / "reports" / name, width=390, height=844)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page scrolls sideways by {overflow}px at phone width"
    page.screenshot(path=SCREENSHOTS / f"phone-{name.replace('/', '-')}.png")
    page.context.close()


def test_prints_on_a4_without_splitting_a_chart(project, browser):
    """The printed pages themselves: each chart is one image drawn whole on one A4 page (a chart
    split by a page break would be drawn twice, clipped, or reach past the page)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    root, _ = project
    page = open_page(browser, page_of(root, 2023))
    pdf = pdfium.PdfDocument(page.pdf(format="A4"))
    page.context.close()
    charts = []
    for number, sheet in enumerate(pdf):
        width, height = sheet.get_size()
        assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4 in points (Chromium rounds to its pixels)
        for obj in sheet.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=5):
            left, bottom, right, top = obj.get_bounds()
            if right - left < 100:  # not a chart (no other image on the page is this wide)
                continue
            charts.append(number)
            assert left >= 0 and right <= width and bottom >= 0 and top <= height, (number, obj.get_bounds())
    assert len(charts) == 7, charts  # seven charts, each drawn once
    assert len(pdf) > 3


def test_csv_downloads_from_the_page(project, browser, tmp_path):
    root, _ = project
    page = open_page(browser, page_of(root, 2023))
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
    page = open_page(browser, page_of(root, 2023))
    align = page.evaluate("""() => {
        const row = document.querySelector('#functions tbody tr');
        return [getComputedStyle(row.children[2]).textAlign, getComputedStyle(row.children[4]).textAlign];
    }""")
    assert align == ["left", "right"]
    page.context.close()
