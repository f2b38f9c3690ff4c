#!/usr/bin/env python3
"""Holds Samla's HTML reports against a real browser: headless Chromium driven by Selenium opens
each report from a file:// address, saves a full-page screenshot, runs axe-core with the WCAG 2.1
A and AA rules, reads the accessibility tree as a screen reader does (check_screen_reader), and
checks that the page loads nothing (no script, font, image or stylesheet fetched), that its charts
keep their white ground in forced colours (high contrast), and that it needs no horizontal scrolling
at 320 px, nor with WCAG 1.4.12's text spacing there, where no text may run out of its box either;
then prints it to an A4 PDF and reads that with poppler's pdfinfo and pdftotext (check_print).
Fails on any violation or missing tool: it never skips.

Usage: check.py --axe PATH/axe.min.js --out FOLDER REPORT.html...
"""
import argparse
import base64
import os
import re
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from axe_audit import run_axe  # noqa: E402
from text_spacing import apply_text_spacing, remove_text_spacing  # noqa: E402
from ax_tree import AXTree  # noqa: E402


def make_driver():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(600)  # axe-core over a long report takes minutes on a loaded 2-core machine
    return driver


def save_full_page(driver, path):
    """The whole page as one PNG, however tall: a window is at most about 16,000 px high, so the
    capture goes through the DevTools protocol with the page's full size as the clip."""
    driver.set_window_size(1100, 900)
    width, height = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
    })
    with open(path, "wb") as handle:
        handle.write(base64.b64decode(shot["data"]))


def check_forced_colours(driver, name, out, failures):
    """In forced colours (Windows high contrast, here dark) the page's ground turns black while an
    SVG's fill attributes stay: every chart must draw a white ground of its own that stays white, or
    its dark labels, axes and legend vanish. Saves a screenshot of the first screen in forced colours."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
        {"name": "forced-colors", "value": "active"}, {"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        active = driver.execute_script("return matchMedia('(forced-colors: active)').matches")
        if not active:
            failures.append(f"{name}: forced colours could not be emulated, so they were not checked")
            return
        grounds = driver.execute_script(
            "return [...document.querySelectorAll('svg.chart')].map(e => {"
            "  const ground = e.querySelector(':scope > rect.ground');"
            "  return ground ? getComputedStyle(ground).fill : 'no ground'; })")
        dark = [g for g in grounds if g != "rgb(255, 255, 255)"]
        if not grounds:
            failures.append(f"{name}: no chart found to check in forced colours")
        elif dark:
            failures.append(f"{name}: in forced colours {len(dark)} of {len(grounds)} charts lose their white ground ({dark[0]}): their labels vanish")
        driver.save_screenshot(os.path.join(out, f"{name}-forced-colours.png"))
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def check_text_spacing(driver, name, out, failures):
    """With WCAG 1.4.12's text spacing (line height 1.5, paragraphs 2em apart, letters 0.12em, words
    0.16em) at 320 px, no text runs out of its box outside a region that scrolls sideways and the page
    does not scroll sideways: an indicator's heading ("Aktiva samverkansplattformar") ran past the
    page's edge. Saves a screenshot."""
    applied = apply_text_spacing(driver)
    if not applied:
        failures.append(f"{name}: text spacing could not be applied, so it was not checked")
        return
    try:
        time.sleep(0.2)
        scroll, client = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client + 1:
            failures.append(f"{name}: with text spacing at 320 px the page is {scroll} px wide and scrolls sideways")
        over = driver.execute_script("""
            const inScroller = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
            const over = [...document.body.querySelectorAll('*')].filter(e => !e.closest('svg') && getComputedStyle(e).overflowX === 'visible'
                && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && !inScroller(e));
            return over.filter(e => !over.some(o => o !== e && e.contains(o))).slice(0, 5).map(e =>
                e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' (' + e.scrollWidth + ' px of text in ' + e.clientWidth + ' px: '
                + JSON.stringify((e.textContent || '').trim().slice(0, 40)) + ')');""")
        if over:
            failures.append(f"{name}: with text spacing at 320 px text runs out of its box: {'; '.join(over)}")
        driver.save_screenshot(os.path.join(out, f"{name}-320px-text-spacing.png"))
        print(f"  {name}: with text spacing (WCAG 1.4.12) at 320 px the page is {scroll} px wide, {len(over)} boxes overrun")
    finally:
        remove_text_spacing(driver)


# Marks a screen reader would read by their Unicode names ("black diamond"): status is a word.
SYMBOLS = set("◆◇▼▲■□●○★✓✔✗✘►▶◀")
# The reasons a withheld cell gives beside its dash (ReportWords: tooFew, withheld).
WITHHELD = ("– för få svar", "– visas inte", "– too few responses", "– not shown")


def check_screen_reader(driver, name, failures):
    """What a screen reader is given, read from Chromium's full accessibility tree in document
    order: a title and a language; one main landmark, one heading of level 1 and no level skipped;
    every chart an image named by its description, said once (not again as its description, nor as
    the name of its scrolling region) and with none of its labels and marks read one by one; a
    breakdown's question heading its rows, not a column; each withheld count or estimate with its
    reason; no table's region named by its caption; each interval in a table heard with a word, not
    its dash, and percentage points in words; no status symbol read by its Unicode name; every link
    named, and an in-page link (the table of contents, the summary's indicators) leading to a part
    of the page that exists."""
    tree = AXTree(driver)
    role, text = tree.role, tree.text
    problems = []
    if not driver.title.strip():
        problems.append("the page has no title")
    if driver.find_element("tag name", "html").get_attribute("lang") not in ("sv", "en"):
        problems.append("the page's language is not sv or en")
    problems += tree.outline_problems()
    images = tree.images()
    if not images:
        problems.append("no chart is read as an image")
    problems += tree.chart_problems()
    problems += tree.region_problems()
    language = driver.find_element("tag name", "html").get_attribute("lang")
    interval_problems, intervals = tree.interval_problems(" till " if language == "sv" else " to ")
    problems += interval_problems
    # A table with an interval column (ReportWords.interval) must have intervals heard with a word.
    headers = [text(n, "name") for n in tree.shown if role(n) == "columnheader"]
    if any("konfidensintervall" in h or "confidence interval" in h for h in headers) and not intervals:
        problems.append("a table has an interval column, but no interval in it is heard with a word")
    # Percentage points said in full: an abbreviation's title is not read (SummarySection).
    shorts = [text(n, "name") for n in tree.shown if role(n) == "StaticText" and text(n, "name").strip() in ("p.e.", "pp")]
    if shorts:
        problems.append(f"percentage points are read as {shorts[0]!r}, not in words")
    withheld = 0
    for row in (n for n in tree.shown if role(n) == "row"):
        cells = [tree.by_id[c] for c in row.get("childIds", []) if c in tree.by_id and not tree.by_id[c].get("ignored")]
        if len(cells) == 1 and role(cells[0]) == "columnheader" and role(tree.by_id.get(row.get("parentId"), {})) != "rowgroup":
            problems.append(f"the group row {text(cells[0], 'name')!r} is read as a column's header, not its rows'")
        withheld += sum(text(c, "name").startswith(WITHHELD) for c in cells)
    # The note under a table with withheld cells (ReportWords.suppressionNote) promises cells that say why.
    noted = sum(text(n, "name").startswith(("– visas inte:", "– not shown:")) for n in tree.shown if role(n) == "StaticText")
    if noted and not withheld:
        problems.append(f"{noted} tables note withheld cells, but no cell says why beside its dash")
    for n in tree.shown:
        label = text(n, "name")
        if role(n) in ("StaticText", "image", "cell", "listitem") and SYMBOLS & set(label):
            problems.append(f"a symbol is read by its name in {label[:60]!r}")
        if role(n) == "link":
            if not label.strip():
                problems.append("a link has no name")
            url = tree.prop(n, "url") or ""
            if "#" in url and url.split("#")[0] == driver.current_url.split("#")[0]:
                target = url.split("#", 1)[1]
                if not driver.execute_script("return !!document.getElementById(arguments[0])", target):
                    problems.append(f"the link {label!r} leads to #{target}, which is not on the page")
    failures += [f"{name}: screen reader: {problem}" for problem in dict.fromkeys(problems)]
    print(f"  {name}: accessibility tree of {len(tree.shown)} nodes read: {len(images)} charts, "
          f"{withheld} withheld cells with their reason, {intervals} intervals in words, {len(problems)} problems")

# A4 less the stylesheet's side margins (14 mm each): 182 mm in CSS pixels.
A4_POINTS = (595.28, 841.89)
PRINT_WIDTH = round(182 / 25.4 * 96)


def check_print(driver, name, pdf_path, failures):
    """On paper (A4, as MSI prints for its board): nothing in the print layout wider than the page,
    since Chromium then shrinks every page to fit it (the impact report printed at 75 %, its text at
    8 pt); then the PDF Chromium prints with the page's own size must be A4, every page numbered
    "k / N" at its foot, and no page may end with a table's header row and no row under it."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": PRINT_WIDTH, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
    try:
        wide = driver.execute_script("""
            const limit = document.documentElement.clientWidth + 0.5;
            const over = [...document.body.querySelectorAll('*')].filter(e => !e.closest('svg') && e.getBoundingClientRect().right > limit);
            return over.filter(e => !over.some(o => o !== e && o.contains(e))).slice(0, 5).map(e =>
                e.tagName.toLowerCase() + ' ' + Math.round(e.getBoundingClientRect().right) + ' px ' + JSON.stringify((e.textContent || '').trim().slice(0, 40)));""")
        headers = driver.execute_script("return [...document.querySelectorAll('thead tr:not(.print-heading)')].map(r => [...r.cells].map(c => c.textContent).join(' '))")
        tables = driver.execute_script(TABLES_ON_PAPER)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    if wide:
        failures.append(f"{name}: print: wider than A4's {PRINT_WIDTH} px, so every page is shrunk: {'; '.join(wide)}")
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    with open(pdf_path, "wb") as handle:
        handle.write(base64.b64decode(pdf["data"]))
    info = subprocess.run(["pdfinfo", pdf_path], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    if not size or any(abs(float(size.group(i + 1)) - A4_POINTS[i]) > 1.5 for i in range(2)):
        failures.append(f"{name}: print: the page is not A4 ({size.group(0) if size else 'no page size'})")
    text = subprocess.run(["pdftotext", "-layout", pdf_path, "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    header_words = [set(h.split()) for h in headers]
    unnumbered, stranded, unheaded, parted = [], [], [], []
    for number, page in enumerate(pages, start=1):
        body = [line.strip() for line in page.splitlines() if line.strip()]
        # pdftotext's layout sometimes closes the spaces around the slash ("2/6").
        if body and re.fullmatch(rf"{number}\s*/\s*{len(pages)}", body[-1]):
            body.pop()
        else:
            unnumbered.append(number)
        if body and any(set(body[-1].split()) <= words for words in header_words):
            stranded.append(f"page {number} ({body[-1][:50]!r})")
        if body and number > 1:
            # A line that is a table's heading (an indicator's title, say) begins no table's rows.
            headed = any(len(solid(body[0])) >= 3 and solid(body[0]) in solid(t["heading"]) for t in tables)
            continued = [] if headed else continued_tables(body[0], tables)
            if continued and not any(solid(t["heading"])[:40] in solid(" ".join(body)) for t in continued if t["heading"].strip()):
                unheaded.append(f"page {number} ({body[0][:50]!r}, of {continued[0]['caption'][:50]!r})")
            # Under the header Chromium repeats, a note with no row of its table stands alone too.
            top = list(body)
            while len(top) > 1 and any(repeated_header(top[0], t) for t in tables):
                top.pop(0)
            note = next((n for t in tables for n in t["notes"] if len(solid(top[0])) >= 12 and solid(n).startswith(solid(top[0]))), None)
            if note:
                parted.append(f"page {number} ({note[:50]!r})")
    if unnumbered:
        failures.append(f"{name}: print: {len(unnumbered)} of {len(pages)} pages have no number \"k / N\" at their foot (pages {unnumbered[:5]})")
    if stranded:
        failures.append(f"{name}: print: a table's header ends the page with no row under it: {'; '.join(stranded[:3])}")
    if unheaded:
        failures.append(f"{name}: print: a page begins with a table's rows without the table's heading: {'; '.join(unheaded[:3])}")
    if parted:
        failures.append(f"{name}: print: a table's note begins a page apart from its table: {'; '.join(parted[:3])}")
    print(f"  {name}: printed on {len(pages)} A4 pages, {len(wide)} elements wider than the page, "
          f"{len(pages) - len(unnumbered)} pages numbered, {len(stranded)} headers stranded at a page's foot, "
          f"{len(unheaded)} pages continuing a table without its heading, {len(parted)} table notes parted from their table")


# Each table as printed: the heading it shows on paper (its header's first row, repeated on every
# page by Chromium, or else its caption, printed once), its column headers, its rows' texts, and its
# notes on withheld cells ("– visas inte: …", "– dominerad: …"), in its last row or after it.
TABLES_ON_PAPER = """
    const shown = e => e && getComputedStyle(e).display !== 'none';
    const text = e => e.textContent.replace(/\\s+/g, ' ').trim();
    const cells = r => [...r.cells].map(text).join(' ');
    return [...document.querySelectorAll('table')].map(t => {
        const heading = t.querySelector('thead tr.print-heading'), caption = t.querySelector('caption');
        const printed = t.querySelector('tr.print-notes');
        const notes = shown(printed) ? [...printed.querySelectorAll('p')].map(text) : [];
        for (let e = (t.closest('.table-wrap') || t).nextElementSibling; e && e.matches('p.note'); e = e.nextElementSibling) {
            if (shown(e) && text(e).startsWith('–')) notes.push(text(e));
        }
        return {
            caption: caption ? text(caption) : '',
            heading: shown(heading) ? text(heading) : shown(caption) ? text(caption) : '',
            columns: [...t.querySelectorAll('thead tr')].filter(r => r !== heading).map(cells),
            rows: [...t.tBodies].flatMap(b => [...b.rows]).filter(r => !r.matches('.print-notes')).map(r => [text(r.cells[0] || r), cells(r)]),
            notes: notes,
        };
    });"""


def solid(text):
    """Text without its spaces, as pdftotext's layout may add or close them."""
    return re.sub(r"\s+", "", text)


def repeated_header(line, table):
    """Whether a line is of the header Chromium repeats on each page a table runs onto: its heading,
    or its column headers."""
    words = set(line.split())
    return (len(solid(line)) >= 3 and solid(line) in solid(table["heading"])) or \
        any(len(words) >= 2 and words <= set(columns.split()) for columns in table["columns"])


def continued_tables(line, tables):
    """The tables a page's first line continues: a line of their column headers (Chromium repeats a
    table's header on each page it runs onto) or of one of their rows (a row's cells may wrap)."""
    words = set(line.split())
    found = []
    for table in tables:
        headed = any(len(words) >= 2 and words <= set(columns.split()) for columns in table["columns"])
        rowed = any(len(solid(first)) >= 3 and solid(line).startswith(solid(first)) and words <= set(row.split())
                    for first, row in table["rows"])
        if headed or rowed:
            found.append(table)
    return found


def check(driver, path, axe_source, out, failures):
    name = os.path.splitext(os.path.basename(path))[0]
    driver.set_window_size(1100, 900)
    driver.get("file://" + os.path.abspath(path))

    scripts = driver.execute_script("return document.scripts.length")
    fetched = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    if scripts:
        failures.append(f"{name}: the page has {scripts} script element(s)")
    if fetched:
        failures.append(f"{name}: the page fetched {fetched[:5]}")

    shot = os.path.join(out, f"{name}.png")
    save_full_page(driver, shot)
    first = os.path.join(out, f"{name}-first-screen.png")
    driver.set_window_size(1100, 900)
    time.sleep(0.2)
    driver.save_screenshot(first)

    result = run_axe(driver, axe_source)
    if "error" in result:
        failures.append(f"{name}: axe failed: {result['error']}")
    else:
        for v in result["violations"]:
            targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            failures.append(f"{name}: axe {v['id']} ({v['impact']}): {v['help']} at {targets}")
        print(f"  {name}: axe {result['version']}, {len(result['violations'])} violations, {result['passes']} rules passed")

    check_screen_reader(driver, name, failures)
    check_forced_colours(driver, name, out, failures)

    driver.set_window_size(320, 800)
    time.sleep(0.3)
    scroll, client = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    if scroll > client + 1:
        failures.append(f"{name}: at 320 px the page is {scroll} px wide and scrolls sideways")
    # A chart shrunk to the screen had 5 px text; it keeps a readable width in its own scrolling region.
    smallest = driver.execute_script("""
        return Array.from(document.querySelectorAll('svg.chart')).map(svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const sizes = Array.from(svg.querySelectorAll('text')).map(t => parseFloat(getComputedStyle(t).fontSize));
            const scrolls = svg.parentElement.matches('.chart-wrap[role=region][tabindex="0"]');
            return [svg.querySelector('title').id, sizes.length ? scale * Math.min(...sizes) : 99, scrolls];
        });""")
    for chart, size, scrolls in smallest:
        if size < 9:
            failures.append(f"{name}: at 320 px the chart {chart} has text {size:.1f} px high")
        if not scrolls:
            failures.append(f"{name}: the chart {chart} is not in a focusable scrolling region")
    if smallest:
        print(f"  {name}: at 320 px {len(smallest)} charts, smallest text {min(s for _, s, _ in smallest):.1f} px")
    # A table wider than the screen scrolls in its region, but its caption wraps on the screen: it
    # ran as wide as its table, so that reading it took scrolling.
    cut = driver.execute_script("""
        const limit = document.documentElement.clientWidth;
        return [...document.querySelectorAll('caption')].filter(c => c.getBoundingClientRect().right > limit + 0.5)
            .map(c => c.textContent.slice(0, 50));""")
    if cut:
        failures.append(f"{name}: at 320 px {len(cut)} table captions run off the screen: {cut[:3]}")
    narrow = os.path.join(out, f"{name}-320px.png")
    driver.save_screenshot(narrow)
    check_text_spacing(driver, name, out, failures)

    driver.set_window_size(1100, 900)
    pdf_path = os.path.join(out, f"{name}.pdf")
    check_print(driver, name, pdf_path, failures)
    print(f"  {name}: screenshots {shot}, {first}, {narrow}; print layout {pdf_path}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--axe", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--broken", action="append", default=[],
                        help="a page broken on purpose: the check must find problems in it, or it proves nothing")
    parser.add_argument("reports", nargs="+")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with open(args.axe, encoding="utf-8") as handle:
        axe_source = handle.read()
    failures = []
    driver = make_driver()
    try:
        for path in args.reports:
            if not os.path.isfile(path):
                failures.append(f"{path}: no such report")
                continue
            check(driver, path, axe_source, args.out, failures)
        for path in args.broken:
            found = []
            check(driver, path, axe_source, args.out, found)
            expected = ("script", "read with its dash", "percentage points are read as", "is named twice",
                        "print: wider than A4", "have no number", "header ends the page",
                        "without the table's heading", "note begins a page apart")
            if any(" axe " in f for f in found) and all(any(e in f for f in found) for e in expected):
                print(f"  {os.path.basename(path)}: broken on purpose, and the check found it ({len(found)} problems)")
            else:
                failures.append(f"{path}: broken on purpose, but the check found only {found}")
    finally:
        driver.quit()
    for failure in failures:
        print("FAILED: " + failure)
    print(f"{len(args.reports) - len({f.split(':')[0] for f in failures})} passed, {len({f.split(':')[0] for f in failures})} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
