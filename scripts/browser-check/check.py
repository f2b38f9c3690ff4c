#!/usr/bin/env python3
"""Browser check of `samla serve`: real headless Chromium, driven by Selenium, fills in the
first pages of the ESEM survey, saves screenshots, and runs axe-core (WCAG 2.1 A and AA rules)
on every page type: the start page of an anonymous round, a question page, a page with errors, a
matrix page, the thank-you page, the closed-round page, the page of a personal link whose
respondent withdrew (`samla erase --withdraw`, run while the server runs; status 410), a page the
database could not take (its write lock held by another process for longer than the server waits:
status 503, the "not saved" notice, the answers still in their fields, then saved when sent
again), and the English page, the admin login, rounds and round pages, a response's page (its answers at least
10rem wide at 320 px) and a refused export, in
Swedish and, after the admin's language switch, in English. The round by invitation is set up with
the CLI (`samla invite`, `samla import` of paper answers with their tokens, `samla round
dispositions --yes`, and the withdrawal above): its admin page must give the invitee who withdrew,
the dispositions and the rates RR1 to CON1 as INVITED_ROUND_TEXT has them, in both languages. With the form's script (docs/serve.md, "The form"): questions
of the staff page appear and disappear as answers are typed, and every construct the script
evaluates gives, row by row, what the server's evaluator gives (live-conditions.yaml and .json).
Fails on any violation, on a page wider than 320 px at 320 px or text that runs out of its box
there (long-words.yaml: a Swedish compound wider than the error summary's line), on an error
summary link that, followed with the keyboard, leaves its question's label or message off the
screen or the next Tab outside the question, on a control without a visible
focus indicator, on a page with errors whose error summary is not focused as it loads, on a summary
link that does not put focus in its field announced with its message, on what Chromium's
accessibility tree announces of a respondent's page (check_announced: landmarks, headings, names,
language, a control invalid without its message), on a script error or a script the CSP refuses,
and, on every page type (check_low_vision, as a reader with low vision who uses the keyboard meets
it, the English Samverkansforum pages with a date field among them), on a tab stop without a focus
indicator, off the screen or under another element, a control no Tab reaches or one that traps focus,
a mark (a field's or button's border, an error, the admin chart's text and bars) under 3:1 against the
ground, and the same in forced colours (Windows high contrast, emulated), where every stop needs its
outline, and on text cut off, out of its box or widening the page with WCAG 1.4.12's text spacing;
and on any missing tool: it never skips.

Usage: check.py --samla PATH --fixture PATH --axe PATH/axe.min.js --out FOLDER
"""
import argparse
import json
import os
import csv
import re
import datetime
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from axe_audit import run_axe  # noqa: E402
from text_spacing import apply_text_spacing, remove_text_spacing  # noqa: E402
from ax_tree import AXTree  # noqa: E402
from paper_answers import write_paper_answers  # noqa: E402
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
# One question per construct of the form's script, and the outcomes Swift's evaluator gives for the
# same inputs (Tests/ResponsesTests/LiveConditionTableTests.swift reads the same two files).
LIVE_SURVEY = os.path.join(HERE, "live-conditions.yaml")
LIVE_TABLE = os.path.join(HERE, "live-conditions.json")
# A matrix whose question has a word too long for a 320 px error summary (check_long_words).
LONG_WORDS_SURVEY = os.path.join(HERE, "long-words.yaml")


# What a respondent's page announces in each language (UIText): the prefix of a page title and an
# error message, the progress, and the form's own buttons.
ANNOUNCED = {
    "sv": {"error": "Fel:", "progress": r"Sida \d+ av \d+", "buttons": {"Nästa", "Tillbaka", "Skicka in", "Starta enkäten"}},
    "en": {"error": "Error:", "progress": r"Page \d+ of \d+", "buttons": {"Next", "Back", "Submit", "Start the survey"}},
}
ENDONYMS = {"Svenska": "sv", "English": "en"}


class Check:
    def __init__(self, driver, base, axe_source, out, samla, database, invited_token):
        self.driver = driver
        self.base = base
        self.axe_source = axe_source
        self.out = out
        self.samla = samla
        self.database = database
        self.invited_token = invited_token
        self.failures = []
        self.pages = []

    def open(self, path):
        self.driver.get(self.base + path)

    def audit(self, name, expect_title=None):
        """Screenshot and axe on the page shown now."""
        d = self.driver
        if expect_title is not None:
            title = d.find_element(By.TAG_NAME, "h1").text
            if title != expect_title:
                self.failures.append(f"{name}: expected the page '{expect_title}', got '{title}'")
        shot = os.path.join(self.out, f"{len(self.pages) + 1:02d}-{name}.png")
        width = d.get_window_size()["width"]
        d.set_window_size(width, 600)
        full_height = d.execute_script("return document.documentElement.scrollHeight")
        d.set_window_size(width, max(600, min(full_height + 140, 4000)))
        d.save_screenshot(shot)
        result = run_axe(d, self.axe_source)
        if "error" in result:
            self.failures.append(f"{name}: axe failed: {result['error']}")
            return
        violations = result["violations"]
        self.pages.append((name, shot, len(violations), result["passes"]))
        for v in violations:
            targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            self.failures.append(f"{name}: axe {v['id']} ({v['impact']}): {v['help']} at {targets}")
        print(f"  {name}: axe {result['version']}, {len(violations)} violations, {result['passes']} rules passed; {shot}")
        if "/admin" not in d.current_url:
            self.check_announced(name)

    def check_announced(self, name):
        """What a screen reader announces of a respondent's page, read from Chromium's accessibility
        tree: one main landmark, one heading of level 1 and no level skipped, a name on every control,
        the form's buttons and progress in the page's language, the language switch marked with the
        language its text is in, and a control announced invalid only on a page with errors, with its
        message ("Fel: …") in its description. Chromium announced every required radio, list and date
        of a page just opened as invalid (the browser's own check of `required`)."""
        d = self.driver
        tree = AXTree(d)
        nodes, role, text, prop = tree.shown, tree.role, tree.text, tree.prop
        language = d.find_element(By.TAG_NAME, "html").get_attribute("lang")
        words = ANNOUNCED[language]
        problems = tree.outline_problems()
        # A date field's calendar button is the browser's, named in the browser's language.
        parent = lambda n: tree.by_id.get(n.get("parentId"), {})
        in_date = lambda n: "Date" in (role(parent(n)), role(parent(parent(n))))
        errors = d.find_elements(By.ID, "error-summary")
        if errors and not d.title.startswith(words["error"]):
            problems.append(f"the title {d.title!r} of a page with errors does not begin with {words['error']!r}")
        for n in nodes:
            if role(n) in ("textbox", "radio", "checkbox", "combobox", "Date", "button", "link") and not text(n, "name").strip():
                problems.append(f"a {role(n)} has no name")
            if prop(n, "invalid") == "true" and not (errors and text(n, "description").find(words["error"]) >= 0):
                problems.append(f"the {role(n)} {text(n, 'name')!r} is announced invalid without an error message ({text(n, 'description')!r})")
            if role(n) == "progressbar" and not re.fullmatch(words["progress"], text(n, "name")):
                problems.append(f"the progress is announced as {text(n, 'name')!r}")
            if role(n) == "button" and prop(n, "focusable") and not in_date(n) and text(n, "name") not in words["buttons"] | ENDONYMS.keys():
                problems.append(f"the button {text(n, 'name')!r} is not in the page's language")
        for switch in d.find_elements(By.CSS_SELECTOR, ".language-switch button, .language-links a"):
            other = ENDONYMS.get(switch.text)
            if switch.get_attribute("lang") != other or other == language or switch.tag_name == "a" and switch.get_attribute("hreflang") != other:
                problems.append(f"the language switch {switch.text!r} has lang={switch.get_attribute('lang')!r}")
        self.failures += [f"{name}: accessibility tree: {problem}" for problem in dict.fromkeys(problems)]
        print(f"  {name}: accessibility tree of {len(nodes)} nodes read, {len(problems)} problems")

    def check_admin_chart(self, name):
        """The round page's chart of responses per day as a screen reader has it, from Chromium's
        accessibility tree: one image named by its description, said once (not again as its
        description, nor by its scrolling region), none of its axis and day labels read one by one,
        and its region and its table's region named apart."""
        tree = AXTree(self.driver)
        images = tree.images()
        problems = tree.chart_problems()
        if len(images) != 1 or not tree.name(images[0]).startswith(("Stapeldiagram", "Bar chart")):
            problems.append(f"the chart should be one image, named by its description: {[tree.name(i)[:40] for i in images]}")
        regions = [tree.name(n) for n in tree.shown if tree.role(n) == "region"]
        if len(regions) != len(set(regions)):
            problems.append(f"regions with the same name: {regions}")
        self.failures += [f"{name}: accessibility tree: {problem}" for problem in problems]
        print(f"  {name}: the chart and its regions read from the accessibility tree, {len(problems)} problems")

    def expect_status(self, name, expected):
        """The HTTP status of the page shown now, as the browser's navigation entry has it."""
        status = self.driver.execute_script("return performance.getEntriesByType('navigation')[0].responseStatus")
        if status != expected:
            self.failures.append(f"{name}: the page came with status {status}, expected {expected}")

    def check_narrow(self, name):
        """At 320 px wide nothing may need horizontal scrolling."""
        d = self.driver
        d.set_window_size(320, 900)
        time.sleep(0.2)
        scroll, client = d.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            # The innermost elements that reach past the viewport (outside a scrolling region), so that the failure says what to fix.
            wide = d.execute_script("""
                const limit = document.documentElement.clientWidth;
                const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                    if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
                const over = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > limit + 0.5 && !clipped(e));
                return over.filter(e => !over.some(o => o !== e && e.contains(o))).slice(0, 5).map(e =>
                    e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                    + ' (' + Math.round(e.getBoundingClientRect().right) + ' px: ' + JSON.stringify((e.textContent || '').trim().slice(0, 40)) + ')');""")
            self.failures.append(f"{name}: at 320 px the page is {scroll} px wide (viewport {client} px): {'; '.join(wide)}")
        self.check_text_in_boxes(name + " at 320 px")
        self.check_chart_text(name)
        self.check_whole_days(name)
        self.audit(name + "-320px")
        d.set_window_size(1200, 900)

    def check_text_in_boxes(self, name):
        """No text runs out of its own box (a long Swedish compound past the error summary's border,
        or past the edge of a matrix's legend), which the page's width does not show when the box
        has padding to spare: every element but a form control holds its content within its width,
        outside a region that scrolls sideways."""
        over = self.driver.execute_script("""
            const inScroller = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
            const over = [...document.body.querySelectorAll('*')].filter(e => !['INPUT', 'TEXTAREA', 'SELECT', 'PROGRESS'].includes(e.tagName)
                && getComputedStyle(e).overflowX === 'visible' && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && !inScroller(e));
            return over.filter(e => !over.some(o => o !== e && e.contains(o))).slice(0, 5).map(e =>
                e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                + ' (' + e.scrollWidth + ' px of text in ' + e.clientWidth + ' px: ' + JSON.stringify((e.textContent || '').trim().slice(0, 40)) + ')');""")
        if over:
            self.failures.append(f"{name}: text runs out of its box: {'; '.join(over)}")

    def check_summary_links(self, name, width=1200):
        """Each link of the error summary, followed with the keyboard (Enter), shows its question's
        label (a matrix row's header, an "other" box's label) and error message on screen, and puts
        focus in one of that question's controls (the form's script), which the accessibility tree
        describes with the message, so that a screen reader reads it with the field; focus stayed on
        the link, and a Tab took it to the control. A link to the control itself put the
        control at the top of the screen, with the label, hint and message above it, out of sight.
        In a window `width` wide and 640 px high, a phone's or a laptop's screen."""
        d = self.driver
        d.set_window_size(width, 640)
        links = d.find_elements(By.CSS_SELECTOR, ".error-summary a")
        prefix = ANNOUNCED[d.find_element(By.TAG_NAME, "html").get_attribute("lang")]["error"]
        if not links:
            self.failures.append(f"{name}: the page has no error summary links")
        for link in links:
            target = link.get_attribute("href").split("#", 1)[1]
            link.send_keys(Keys.ENTER)
            time.sleep(0.2)
            seen = d.execute_script("""
                const t = document.getElementById(arguments[0]); if (!t) return 'no element #' + arguments[0];
                const label = t.matches('th') ? t : t.querySelector('.question-label, label');
                const error = t.querySelector('.error-message');
                const inView = e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; };
                if (!label || !inView(label)) return 'its label is off the screen';
                if (!error || !inView(error)) return 'its error message is off the screen';
                return null;""", target)
            inside = """
                const t = document.getElementById(arguments[0]), e = document.activeElement;
                const own = t.matches('th') ? t.parentElement : t;
                return own.contains(e) && e !== own ? null : (e.id || e.tagName);"""
            reached = d.execute_script(inside, target)
            focused = [n for n in d.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
                       if any(p["name"] == "focused" and p["value"].get("value") for p in n.get("properties", []))
                       and n.get("role", {}).get("value") != "RootWebArea"]
            heard = (focused[0].get("description") or {}).get("value", "") if focused else ""
            if seen:
                self.failures.append(f"{name}: the summary's link to #{target}: {seen}")
            if reached:
                self.failures.append(f"{name}: after the summary's link to #{target}, focus is on {reached}, not on the question's control")
            elif prefix not in heard or not link.text.lower().endswith(heard.split(prefix, 1)[1].strip().lower()):
                self.failures.append(f"{name}: the control the summary's link to #{target} focuses is announced without its message: {heard!r}")
        d.set_window_size(1200, 900)
        print(f"  {name}: {len(links)} summary links followed with the keyboard")

    def check_low_vision(self, name):
        """What a reader with low vision who uses the keyboard meets on the page shown now, beyond axe:
        check_keyboard, check_forced_colours and check_text_spacing."""
        self.check_keyboard(name)
        self.failures += [f"{name}: under 3:1: {item}" for item in self.faint_marks()]
        self.check_forced_colours(name)
        self.check_text_spacing(name)

    def tab_through(self):
        """Tabs from the top of the page through every stop until focus comes back to the first
        (or leaves the page); returns each stop as the browser shows it after its Tab: the element,
        its outline and shadow, whether any of it is on screen and what lies on its centre if not it
        (WCAG 2.4.11). Stops inside one control (a date's day, month, year and calendar button) are
        stops of their own; a control that keeps focus for more than eight Tabs traps it. Focus
        begins at the top (Tab after a blur goes on from the element blurred), and a control that no
        Tab reached is reported (of a group of radios, one is a stop)."""
        d = self.driver
        d.execute_script("""window.scrollTo(0, 0); window.samlaTabbed = new Set();
            document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex');""")
        stops = []
        for _ in range(250):
            ActionChains(d).send_keys(Keys.TAB).perform()
            stop = d.execute_script("""
                const e = document.activeElement; if (!e || e === document.body) return null;
                window.samlaTabbed.add(e.type === 'radio' ? 'radio ' + e.name : e);
                const s = getComputedStyle(e), r = e.getBoundingClientRect();
                const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
                const top = document.elementFromPoint(x, y);
                const own = top && (e.contains(top) || top.contains(e) || [...(e.labels || [])].some(l => l.contains(top)));
                return {element: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '')
                          + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' ' + JSON.stringify((e.innerText || '').trim().slice(0, 30)),
                        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2, shadow: s.boxShadow !== 'none',
                        seen: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
                        covered: own ? null : (top ? top.tagName.toLowerCase() + (top.className ? '.' + top.className : '') : 'nothing')};""")
            if stop is None or stops and stop["element"] == stops[0]["element"]:
                break
            stops.append(stop)
            if len(stops) > 8 and all(s["element"] == stop["element"] for s in stops[-9:]):
                return stops, f"focus stays on {stop['element']} for more than eight Tabs"
        else:
            return stops, "focus never came back to the first stop or left the page after 250 Tabs"
        missed = d.execute_script("""
            return [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])')]
                .filter(e => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
                .filter(e => !window.samlaTabbed.has(e.type === 'radio' ? 'radio ' + e.name : e))
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + JSON.stringify((e.innerText || e.name || '').trim().slice(0, 30)));""")
        if missed:
            return stops, f"Tab never reaches {'; '.join(missed[:5])}"
        return stops, None

    def check_keyboard(self, name):
        """Every stop of the page, tabbed to from the top, shows a focus indicator (an outline at least
        2 px wide or a ring), is on screen and not hidden under another element; nothing traps focus;
        a page with a header has a skip link to its main content first, whose target exists. In forced
        colours (Windows high contrast) a ring (box-shadow) is not drawn: there every stop needs its
        outline. A date's calendar button was a stop without any (check_forced_colours turns them on)."""
        d = self.driver
        stops, trapped = self.tab_through()
        if trapped:
            self.failures.append(f"{name}: keyboard: {trapped}")
        for stop in stops:
            if not (stop["outline"] or stop["shadow"]):
                self.failures.append(f"{name}: keyboard: {stop['element']} has focus with no focus indicator")
            if not stop["seen"]:
                self.failures.append(f"{name}: keyboard: {stop['element']} has focus off the screen")
            elif stop["covered"]:
                self.failures.append(f"{name}: keyboard: {stop['element']} has focus under {stop['covered']} (WCAG 2.4.11)")
        if d.find_elements(By.CSS_SELECTOR, "header"):
            skip = d.find_elements(By.CSS_SELECTOR, "a.skip-link")
            if not skip or not d.find_elements(By.ID, (skip[0].get_attribute("href") or "#").split("#", 1)[1] or "-"):
                self.failures.append(f"{name}: keyboard: the page has a header but no skip link to an element of the page")
            elif not d.find_elements(By.ID, "error-summary") and (not stops or not stops[0]["element"].startswith("a.skip-link")):
                self.failures.append(f"{name}: keyboard: the first Tab reaches {stops[0]['element'] if stops else 'nothing'}, not the skip link")
        print(f"  {name}: keyboard: {len(stops)} stops, each with a focus indicator on screen: "
              f"{all((s['outline'] or s['shadow']) and s['seen'] and not s['covered'] for s in stops)}")

    def check_forced_colours(self, name):
        """In forced colours (Windows high contrast, its dark palette, with prefers-contrast: more) every
        tab stop shows an outline (the ring is not drawn there); the form's radios, checkboxes and
        progress keep the browser's own look (a custom-styled one vanishes); and what tells a reader
        something stands out from the page's ground by at least 3:1 there too (faint_marks). The
        admin chart kept its dark text and bars on a black ground. Saves a screenshot."""
        d = self.driver
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
            {"name": "forced-colors", "value": "active"}, {"name": "prefers-contrast", "value": "more"},
            {"name": "prefers-color-scheme", "value": "dark"}]})
        try:
            if not d.execute_script("return matchMedia('(forced-colors: active)').matches"):
                self.failures.append(f"{name}: forced colours could not be emulated, so they were not checked")
                return
            stops, _ = self.tab_through()
            for stop in stops:
                if not stop["outline"]:
                    self.failures.append(f"{name}: forced colours: {stop['element']} has focus with no outline")
            faint = self.faint_marks()
            for item in faint:
                self.failures.append(f"{name}: forced colours: {item}")
            d.execute_script("(document.querySelector('svg.chart') || document.body).scrollIntoView()")
            d.save_screenshot(os.path.join(self.out, f"{len(self.pages) + 1:02d}-{name}-forced-colours.png"))
            print(f"  {name}: forced colours: {len(stops)} stops with an outline: {all(s['outline'] for s in stops)}; {len(faint)} faint marks")
        finally:
            d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

    def faint_marks(self):
        """What tells a reader something on the page shown now and stands out from the page's ground
        by less than 3:1 (WCAG 1.4.11): the borders of fields and buttons, the error summary's and a
        question's error bar, the error messages, the admin chart's text, axis and bars (a begun bar's
        outline) and its legend's swatches, whose two kinds must also differ; and a radio, checkbox or
        progress drawn by the page (appearance: none), which forced colours make vanish. A colour
        that is none or transparent has no contrast."""
        return self.driver.execute_script("""
            const rgb = c => { const v = (String(c).match(/[\\d.]+/g) || []).map(Number); return v.length >= 3 && (v.length < 4 || v[3] > 0) ? v : null; };
            const lum = v => { const [r, g, b] = v.slice(0, 3).map(x => x / 255).map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
                               return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const ratio = (a, b) => { const [p, q] = [rgb(a), rgb(b)]; if (!p || !q) return 1;
                                      const [x, y] = [lum(p), lum(q)].sort((m, n) => n - m); return (x + 0.05) / (y + 0.05); };
            const ground = getComputedStyle(document.body).backgroundColor;
            const shown = e => e.getClientRects().length > 0;
            const checks = [
              ['input[type=text], input[type=email], input[type=date], select, textarea, button:not(.link)', 'borderTopColor'],
              ['.error-summary', 'borderTopColor'], ['.has-error', 'borderLeftColor'], ['.error-message', 'color'],
              ['svg.chart text', 'fill'], ['svg.chart line', 'stroke'], ['svg.chart rect.bar-completed', 'fill'],
              ['svg.chart rect.bar-started', 'stroke'], ['.swatch.completed', 'backgroundColor'], ['.swatch.started', 'borderTopColor']];
            const faint = [];
            for (const [selector, property] of checks)
              for (const e of document.querySelectorAll(selector))
                if (shown(e) && ratio(getComputedStyle(e)[property], ground) < 3)
                  faint.push(selector.split(',')[0] + ' ' + property + ' ' + getComputedStyle(e)[property] + ' on ' + ground);
            for (const e of document.querySelectorAll('input[type=radio], input[type=checkbox], progress'))
              if (getComputedStyle(e).appearance === 'none') faint.push(e.tagName.toLowerCase() + '#' + e.id + ' drawn by the page (appearance: none)');
            const swatches = ['.swatch.started', '.swatch.completed'].map(s => document.querySelector(s));
            if (swatches.every(e => e) && getComputedStyle(swatches[0]).backgroundColor === getComputedStyle(swatches[1]).backgroundColor)
              faint.push('the legend swatches of begun and completed look the same');
            return [...new Set(faint)];""")

    def check_text_spacing(self, name):
        """With WCAG 1.4.12's text spacing (line height 1.5, paragraphs 2em apart, letters 0.12em and
        words 0.16em), in a window 1200 px wide and at 320 px: no text is cut off by a box that hides
        its overflow, none runs out of its box (check_text_in_boxes) and the page does not scroll
        sideways. A choice's long word pushed the page 18 px past a 320 px screen."""
        d = self.driver
        applied = apply_text_spacing(d)
        if not applied:
            self.failures.append(f"{name}: text spacing could not be applied, so it was not checked")
            return
        try:
            for width in (1200, 320):
                d.set_window_size(width, 900)
                time.sleep(0.2)
                scroll, client = d.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                if scroll > client:
                    self.failures.append(f"{name}: with text spacing at {width} px the page is {scroll} px wide (viewport {client} px)")
                cut = d.execute_script("""
                    return [...document.body.querySelectorAll('*')].filter(e => {
                        const s = getComputedStyle(e); if (e.closest('svg') || e.clientWidth < 2 || e.closest('.visually-hidden')) return false;
                        if (e.matches('.matrix-column') && s.position === 'absolute') return false;
                        const hides = v => v === 'hidden' || v === 'clip';
                        return hides(s.overflowX) && e.scrollWidth > e.clientWidth + 1 || hides(s.overflowY) && e.scrollHeight > e.clientHeight + 1;
                    }).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + JSON.stringify((e.textContent || '').trim().slice(0, 40)));""")
                if cut:
                    self.failures.append(f"{name}: with text spacing at {width} px text is cut off: {'; '.join(cut)}")
                self.check_text_in_boxes(f"{name} with text spacing at {width} px")
            d.save_screenshot(os.path.join(self.out, f"{len(self.pages) + 1:02d}-{name}-text-spacing-320px.png"))
            print(f"  {name}: text spacing (WCAG 1.4.12) checked at 1200 and 320 px")
        finally:
            remove_text_spacing(d)
            d.set_window_size(1200, 900)

    def check_whole_days(self, name):
        """No day in an admin table is broken over two lines at its hyphens (`2026-` above `11-29`),
        nor a command's option after its dashes (`--` above `withdraw`): the text of every element
        of class `date` or `option` lies on one line."""
        broken = self.driver.execute_script("""
            return [...document.querySelectorAll('.date, .option')].filter(e => {
                const range = document.createRange(); range.selectNodeContents(e);
                return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
            }).map(e => e.textContent);""")
        if broken:
            self.failures.append(f"{name}: at 320 px these days or options are broken over lines: {broken[:5]}")

    def check_chart_text(self, name):
        """An admin chart's text, as drawn (its font size times the chart's scale), is at least the
        page's small text (the legend's) at the current width, the chart is in a scrolling region a
        keyboard can focus, and its first bar pair and day label are on screen before that region is
        scrolled (one day's bars stood off a 320 px screen in the middle of a chart 640 px wide)."""
        found = self.driver.execute_script("""
            const svg = document.querySelector('svg.chart'); if (!svg) return null;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
            const small = parseFloat(getComputedStyle(document.querySelector('.legend')).fontSize);
            const region = svg.closest('[role=region][tabindex="0"]');
            const limit = document.documentElement.clientWidth;
            const first = [svg.querySelector('rect.bar-started'), svg.querySelector('rect.bar-completed'), svg.querySelector('text[text-anchor=middle]')];
            const off = first.filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > limit + 0.5; })
                .map(e => e.tagName + '.' + (e.getAttribute('class') || e.textContent) + ' at ' + Math.round(e.getBoundingClientRect().left) + ' px');
            return [Math.min(...sizes), small, region !== null && getComputedStyle(region).overflowX === 'auto', off, limit];""")
        if found is None:
            return
        drawn, small, scrolls, off, limit = found
        if off:
            self.failures.append(f"{name}: the chart's first bars or label lie outside the {limit} px viewport: {'; '.join(off)}")
        if drawn < small - 0.05:
            self.failures.append(f"{name}: the chart's text is drawn {drawn:.1f} px tall, below the page's small text ({small:.1f} px)")
        if not scrolls:
            self.failures.append(f"{name}: the chart is not in a focusable region that scrolls sideways")
        print(f"  {name}: chart text {drawn:.1f} px (small text {small:.1f} px), in a scrolling region: {scrolls}, first bars on screen: {not off}")

    def check_summary_focused(self, name):
        """A page shown again with problems has its error summary focused as it loads (the GOV.UK
        pattern: a screen reader reads it), shown with a focus outline, and the first Tab reaches the
        summary's first link; focus began at the top of the page, two Tabs before it."""
        d = self.driver
        focused, outline, shadow = d.execute_script(
            "const e = document.activeElement, s = getComputedStyle(e); return [e.id || e.tagName, s.outlineStyle, s.boxShadow];")
        if focused != "error-summary":
            self.failures.append(f"{name}: focus is on {focused} after the refused post, not on the error summary")
        elif outline == "none" and shadow == "none":
            self.failures.append(f"{name}: the focused error summary shows no focus indicator")
        ActionChains(d).send_keys(Keys.TAB).perform()
        first = d.execute_script("const a = document.querySelector('.error-summary a'); return document.activeElement === a;")
        if not first:
            self.failures.append(f"{name}: the first Tab after the refused post does not reach the summary's first link")
        print(f"  {name}: focus on #{focused} after the refused post; next Tab on its first link: {first}")

    def check_focus(self, name, controls=4):
        """Tabbing to the first `controls` controls shows an outline on each."""
        d = self.driver
        seen = []
        for _ in range(controls):
            ActionChains(d).send_keys(Keys.TAB).perform()
            style = d.execute_script(
                "const e = document.activeElement, s = getComputedStyle(e);"
                "return [e.tagName + (e.id ? '#' + e.id : ''), s.outlineStyle, s.outlineWidth, s.boxShadow];")
            element, outline, width, shadow = style
            seen.append(element)
            if (outline == "none" or width == "0px") and shadow == "none":
                self.failures.append(f"{name}: {element} shows no focus indicator")
        print(f"  {name}: focus outline on {', '.join(seen)}")


def click_choice(driver, name, value):
    driver.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']").click()


def answer_about_you(driver, priority_finance, priority_impact):
    """Answers ESEM's second page: the role and registration, and the two priorities as typed."""
    click_choice(driver, "resp_role", "ceo")
    click_choice(driver, "registered", "yes")
    fill(driver, "prio_fin", priority_finance)
    fill(driver, "prio_imp", priority_impact)


def fill(driver, name, text):
    field = driver.find_element(By.ID, "f-" + name)
    field.clear()
    field.send_keys(text)


def is_gone(element):
    """Whether the page that held `element` has been replaced. Chromium reports a node of a page
    being torn down either as stale or as "does not belong to the document": both mean gone."""
    try:
        element.is_enabled()
        return False
    except (StaleElementReferenceException, WebDriverException):
        return True


def submit_with(driver, button, seconds=15):
    """Clicks a submit button and waits for the next page."""
    old = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, seconds).until(lambda d: is_gone(old))
    WebDriverWait(driver, seconds).until(lambda d: d.execute_script("return document.readyState") == "complete")


def press(driver, action, seconds=15):
    submit_with(driver, driver.find_element(By.CSS_SELECTOR, f"button[name='samla.action'][value='{action}']"), seconds)


def start(driver):
    """Presses the start page's button, which begins the response."""
    submit_with(driver, driver.find_element(By.CSS_SELECTOR, "form[action^='/s/'] button[type='submit']"))


def shown(driver, element_id):
    return driver.find_element(By.ID, element_id).is_displayed()


def expect_shown(check, step, expected):
    """`expected` maps element ids to whether each must be displayed now."""
    d = check.driver
    for element_id, want in expected.items():
        got = shown(d, element_id)
        if got != want:
            check.failures.append(f"live-conditions: {step}: #{element_id} is {'shown' if got else 'hidden'}, "
                                  f"expected {'shown' if want else 'hidden'}")
    print(f"  live-conditions: {step}: " + ", ".join(f"{k} {'shown' if v else 'hidden'}" for k, v in expected.items()))


def console_errors(check, name):
    """A script error (source "javascript") or the CSP refusing the script ("security") since the
    last call; refused requests (a 422 page, a 404) are the server's answers, not errors here."""
    for entry in check.driver.get_log("browser"):
        if entry["level"] == "SEVERE" and entry.get("source") in ("javascript", "security"):
            check.failures.append(f"{name}: console error: {entry['message']}")


def check_live_conditions(check, d):
    """The form's script on the staff page of ESEM: fte_women (`${fte} > 0`), fte_target
    (`${fte} > 0 and ${target_any} = 'yes'`, target_any answered yes on an earlier page) and
    mgmt_women (`${mgmt_n} > 0`) appear and disappear as the answers they read are typed; a
    number the server would refuse leaves them shown with their note; a question with an error
    stays shown; the page posts as without the script. check_condition_table pins the script to
    the server's evaluator construct by construct."""
    console_errors(check, "before live-conditions")
    if d.find_elements(By.CSS_SELECTOR, "script[src^='/assets/form-'][src$='.js']") == []:
        check.failures.append("live-conditions: the staff page does not load the form's script /assets/form-HASH.js")
    dependents = ("q-fte_women", "q-fte_target", "q-mgmt_women")
    expect_shown(check, "nothing typed", {q: False for q in dependents})
    steps = [
        ("fte", "12,5", {"q-fte_women": True, "q-fte_target": True, "n-fte_women": False, "q-mgmt_women": False}),
        ("fte", "0", {"q-fte_women": False, "q-fte_target": False}),
        ("fte", "0,0", {"q-fte_women": False}),
        ("fte", "1 000,5", {"q-fte_women": True}),
        ("fte", "-2", {"q-fte_women": False}),
        ("fte", "12.5.1", {"q-fte_women": True, "n-fte_women": True, "q-fte_target": True}),
        ("fte", "", {"q-fte_women": False, "q-fte_target": False}),
        ("fte", "0,5", {"q-fte_women": True, "n-fte_women": False}),
        ("mgmt_n", "3", {"q-mgmt_women": True, "n-mgmt_women": False}),
        ("mgmt_n", "0", {"q-mgmt_women": False}),
        ("mgmt_n", "10 00", {"q-mgmt_women": True, "n-mgmt_women": True}),
        ("mgmt_n", "2,0", {"q-mgmt_women": True, "n-mgmt_women": True}),
        ("mgmt_n", "4", {"q-mgmt_women": True, "n-mgmt_women": False}),
    ]
    for name, text, expected in steps:
        fill(d, name, text)
        expect_shown(check, f"{name} = {text!r}", expected)
        # A hidden note no longer describes the field (screen readers would read it still).
        for note, note_shown in expected.items():
            if not note.startswith("n-"):
                continue
            described = (d.find_element(By.ID, "f-" + note[2:]).get_attribute("aria-describedby") or "").split()
            if (note in described) != note_shown:
                check.failures.append(f"live-conditions: {name} = {text!r}: aria-describedby of f-{note[2:]} is {described}")
    focused = d.execute_script("return document.activeElement.id")
    if focused != "f-mgmt_n":
        check.failures.append(f"live-conditions: focus moved to #{focused} while typing in #f-mgmt_n")
    check.audit("live-conditions")
    console_errors(check, "live-conditions")

    # A page with an error on mgmt_women (more women than the team has): it stays shown even
    # when mgmt_n no longer makes it apply, so that its message is never hidden.
    fill(d, "fte", "12,5")
    fill(d, "fte_women", "3")
    fill(d, "mgmt_women", "5")
    press(d, "next")
    check.audit("live-conditions-errors", "Personal och ledning")
    expect_shown(check, "posted with an error", {"q-mgmt_women": True, "e-mgmt_women": True, "q-fte_women": True})
    fill(d, "mgmt_n", "0")
    expect_shown(check, "mgmt_n = '0' on the page with errors", {"q-mgmt_women": True, "q-fte_women": True})
    fill(d, "fte", "0")
    expect_shown(check, "fte = '0' on the page with errors", {"q-fte_women": False})
    # The hidden answers are still posted; the server clears them, as without the script.
    press(d, "next")
    check.audit("live-conditions-next-page", "Ekonomi")
    press(d, "back")
    expect_shown(check, "back on the staff page", {"q-fte_women": False, "q-mgmt_women": False})
    for name in ("fte_women", "mgmt_women"):
        value = d.find_element(By.ID, "f-" + name).get_attribute("value")
        if value != "":
            check.failures.append(f"live-conditions: the server kept {name} = {value!r} of a question that did not apply")


# The invitations of round esem-se-invited, in the contacts file's order: what becomes of each.
# Anna answers a page and withdraws during the check; Bo, Cecilia and David get the dispositions of
# DISPOSITIONS; Eva and Fredrik stay of unknown eligibility; Gustav's and Helena's answers come on
# paper (`samla import` with their tokens), Gustav's complete and Helena's partial.
CONTACTS = ["Anna Svensson", "Bo Ek", "Cecilia Lind", "David Berg", "Eva Holm", "Fredrik Nord", "Gustav Sand", "Helena Ås"]
DISPOSITIONS = {"Bo Ek": "refused", "Cecilia Lind": "non-contact", "David Berg": "ej-behörig"}
PAPER = {"Gustav Sand": "complete", "Helena Ås": "partial"}
# What the admin round page of esem-se-invited must say of them once Anna has withdrawn: I = 1,
# P = 1, R = 2 (Bo, and Anna, who withdrew), NC = 1, 1 ineligible, U = 2; e = 5/6. Worked out here
# by hand from AAPOR's formulas (docs/statistics.md), not by the code under test.
INVITED_ROUND_TEXT = {
    "sv": {
        "Inbjudna som dragit sig ur": "1 av 8 (samla erase --withdraw: svaren raderade, räknas som vägran i svarsfrekvensen)",
        "Inbjudna utan svar, efter utfall": "1 vägrade, 1 ej nådd, 1 ej behörig, 2 med okänd behörighet (registreras med samla round dispositions)",
        "Svarsfrekvens (AAPOR RR1)": "14,3 % (1 av 7 inbjudna; 1 ej behörig av 8 inbjudna räknas bort); med påbörjade svar (RR2): 28,6 %; "
                                     "1 inbjuden drog sig ur (svaren raderade) och räknas som vägran; "
                                     "RR3 15,0 %, RR4 30,0 % (e = 0,833); "
                                     "COOP1 25,0 %, REF1 28,6 %, CON1 57,1 %",
    },
    "en": {
        "Invitees who withdrew": "1 of 8 (samla erase --withdraw: answers erased, counted as refusals in the response rate)",
        "Invitations without a response, by disposition": "1 refused, 1 not reached, 1 ineligible, 2 unknown eligibility (recorded with samla round dispositions)",
        "Response rate (AAPOR RR1)": "14.3% (1 of 7 invited; 1 ineligible of 8 invited left out); with partial responses (RR2): 28.6%; "
                                     "1 invitee withdrew (the answers erased) and counts as a refusal; "
                                     "RR3 15.0%, RR4 30.0% (e = 0.833); "
                                     "COOP1 25.0%, REF1 28.6%, CON1 57.1%",
    },
}


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def check_browser_back(check, d):
    """The browser's own Back and Forward buttons step through the pages answered, each page
    having its own address (/t/TOKEN/N): Back shows the page before with its saved answers, and
    that page posted again goes on from it. Back showed the same page again, every page being
    /t/TOKEN."""
    check.open("/s/esem-se-open")
    start(d)
    click_choice(d, "consent", "yes")
    press(d, "next")
    answer_about_you(d, "4", "9")
    press(d, "next")
    steps = [("back", "Om dig och organisationens prioriteringar", "/2"), ("back", "Välkommen", "/1"),
             ("forward", "Om dig och organisationens prioriteringar", "/2")]
    for move, title, suffix in steps:
        old = d.find_element(By.TAG_NAME, "html")
        d.back() if move == "back" else d.forward()
        WebDriverWait(d, 15).until(lambda driver: is_gone(old) and driver.execute_script("return document.readyState") == "complete")
        got = heading(d)
        if got != title or not d.current_url.endswith(suffix):
            check.failures.append(f"browser-back: after {move}: {got!r} at {d.current_url}, expected {title!r} at …{suffix}")
        print(f"  browser-back: {move}: {got} at …{d.current_url[-2:]}")
        if title == "Välkommen" and not d.find_element(By.CSS_SELECTOR, "input[name='consent'][value='yes']").is_selected():
            check.failures.append("browser-back: the first page shown by Back lost its answer")
    if field_values(d, ["prio_fin", "prio_imp"]) != {"prio_fin": "4", "prio_imp": "9"}:
        check.failures.append(f"browser-back: the page shown by Forward shows {field_values(d, ['prio_fin', 'prio_imp'])}")
    fill(d, "prio_imp", "8")
    press(d, "next")
    if heading(d) != "Om organisationen" or not d.current_url.endswith("/3"):
        check.failures.append(f"browser-back: the page posted again led to {heading(d)!r} at {d.current_url}")
    check.audit("page-after-browser-back", "Om organisationen")


def run_cli(samla, *arguments):
    """Runs samla with `arguments`; stops the check with its output if it fails."""
    done = subprocess.run([samla, *arguments], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"browser-check: samla {' '.join(arguments[:2])} exited {done.returncode}: {done.stdout}{done.stderr}")
    return done.stdout


def invite(samla, database, folder):
    """Round esem-se-invited (by invitation, open from yesterday) with the invitations of CONTACTS
    made by `samla invite`, the answers of PAPER imported with their tokens (`samla import`) and
    DISPOSITIONS recorded (`samla round dispositions --yes`), as an admin would; returns the first
    invitation's token from the links file."""
    today = datetime.date.today()
    survey = os.path.join(ROOT, "surveys/esem-se.yaml")
    run_cli(samla, "round", "open", survey, "--db", database, "--name", "esem-se-invited",
            "--opens", str(today - datetime.timedelta(days=1)), "--closes", str(today + datetime.timedelta(days=30)))
    contacts = os.path.join(folder, "contacts.csv")
    with open(contacts, "w", encoding="utf-8") as file:
        file.write("name,email\n" + "".join(f"{name},{name.split()[0].lower()}@example.se\n" for name in CONTACTS))
    run_cli(samla, "invite", "--db", database, "--round", "esem-se-invited", contacts, "--base-url", "http://127.0.0.1")
    with open(os.path.join(folder, "contacts-links.csv"), encoding="utf-8-sig") as file:  # it begins with a byte order mark
        tokens = {row["name"]: row["token"] for row in csv.DictReader(file)}

    paper = write_paper_answers(samla, survey, folder, [(tokens[name], status) for name, status in PAPER.items()], seed=11)
    imported = run_cli(samla, "import", "--db", database, "--round", "esem-se-invited", paper)
    print(f"browser-check: {imported.strip()}")

    dispositions = os.path.join(folder, "dispositions.csv")
    with open(dispositions, "w", encoding="utf-8") as file:
        file.write("token,disposition\n" + "".join(f"{tokens[name]},{code}\n" for name, code in DISPOSITIONS.items()))
    recorded = run_cli(samla, "round", "dispositions", "--db", database, "--round", "esem-se-invited", dispositions, "--yes")
    print(f"browser-check: {recorded.strip()}")
    return tokens[CONTACTS[0]]


def check_response_page(check, d):
    """The page of the round page's latest response at 320 px: each answer is at least 10rem wide,
    its table scrolling sideways in a region of its own (the answers were cut to a few letters a line)."""
    d.get(d.find_element(By.CSS_SELECTOR, "a[href^='/admin/responses/']").get_attribute("href"))
    check.audit("admin-response-sv")
    check.check_narrow("admin-response-sv")
    check.check_low_vision("admin-response-sv")
    d.set_window_size(320, 900)
    narrow = d.execute_script("""const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
        const cells = [...document.querySelectorAll('td.answer-text')];
        return cells.length === 0 ? -1 : cells.filter(e => e.getBoundingClientRect().width < 10 * rem - 1).length;""")
    d.set_window_size(1200, 900)
    if narrow == -1:
        check.failures.append("admin-response-sv: the response page shows no answers")
    elif narrow:
        check.failures.append(f"admin-response-sv: at 320 px {narrow} answers are narrower than 10rem")


def check_invited_round(check, d, language):
    """The admin round page of esem-se-invited shows the withdrawn invitation, the dispositions
    line and the rates as INVITED_ROUND_TEXT has them, term by term, in `language`; and at 320 px."""
    name = f"admin-round-invited-{language}"
    check.open("/admin/rounds/esem-se-invited")
    check.audit(name, {"sv": "Omgång esem-se-invited", "en": "Round esem-se-invited"}[language])
    for term, expected in INVITED_ROUND_TEXT[language].items():
        found = d.find_elements(By.XPATH, f"//dl[@class='summary']/dt[.='{term}']/following-sibling::dd[1]")
        if not found:
            check.failures.append(f"{name}: the page has no line '{term}'")
            continue
        shown = " ".join(found[0].text.replace("\u00a0", " ").split())
        if shown != expected:
            check.failures.append(f"{name}: '{term}' reads {shown!r}, expected {expected!r}")
        else:
            print(f"  {name}: {term}: {shown}")
    check.check_narrow(name)


def check_long_words(check, d):
    """A matrix posted unanswered at 320 px: the error summary and the legend name a question with
    a word longer than their line, which must break within their boxes (check_text_in_boxes)."""
    check.open("/s/long-words-open")
    start(d)
    press(d, "next")
    check.audit("long-words-errors", "Delaktighet")
    check.expect_status("long-words-errors", 422)
    check.check_narrow("long-words-errors")
    check.check_low_vision("long-words-errors")
    # Its matrix rows at 320 px, where the label, hint and rows above a radio fill the screen.
    check.check_summary_links("long-words-errors-320px", width=320)


def check_english_forum(check, d):
    """The Samverkansforum survey in English, as a keyboard user with low vision meets it
    (check_low_vision): its start page, and its first page, with a date field, before and after it
    is posted unanswered."""
    check.open("/s/samverkansforum-open?lang=en")
    check.audit("forum-start-page-english", "Samverkansforum 2026: follow-up")
    check.check_low_vision("forum-start-page-english")
    start(d)
    check.audit("forum-date-page-english", "About the forum")
    check.check_low_vision("forum-date-page-english")
    press(d, "next")
    check.audit("forum-date-page-english-errors", "About the forum")
    check.check_low_vision("forum-date-page-english-errors")


def check_withdrawn_link(check, d):
    """The personal link of a respondent who answered a page and then withdrew: `samla erase
    --withdraw` runs while the server runs, and the link then shows a page saying so, status 410,
    with no form, in Swedish and in English."""
    link = "/t/" + check.invited_token
    check.open(link)
    starts = d.find_elements(By.CSS_SELECTOR, "form[action^='/t/'] button[type='submit']:not([name])")
    if starts:
        submit_with(d, starts[0])
    click_choice(d, "consent", "yes")
    press(d, "next")
    check.audit("invited-response-page", "Om dig och organisationens prioriteringar")
    erased = subprocess.run([check.samla, "erase", "--db", check.database, f"--token={check.invited_token}", "--withdraw", "--yes"],
                            capture_output=True, text=True)
    if erased.returncode != 0 or not erased.stdout.startswith("withdrew response "):
        check.failures.append(f"withdrawn-link: samla erase --withdraw exited {erased.returncode}: {erased.stdout}{erased.stderr}")
    check.open(link)
    check.audit("withdrawn-link-page", "Du har dragit dig ur enkäten")
    check.expect_status("withdrawn-link-page", 410)
    if d.find_elements(By.TAG_NAME, "form"):
        check.failures.append("withdrawn-link-page: the page of a withdrawn link shows a form")
    check.check_narrow("withdrawn-link-page")
    check.open(link + "?lang=en")
    check.audit("withdrawn-link-page-english", "You have withdrawn from this survey")
    check.expect_status("withdrawn-link-page-english", 410)


class WriteLock:
    """Holds the database's write lock from another process's connection (`BEGIN IMMEDIATE`, in a
    thread of this one), as a long `samla import` would, until `release`."""

    def __init__(self, database):
        self.database = database
        self.held = threading.Event()
        self.done = threading.Event()
        self.error = None
        self.thread = threading.Thread(target=self.hold, daemon=True)

    def hold(self):
        try:
            connection = sqlite3.connect(self.database, timeout=30, isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            self.error = error
            self.held.set()
            return
        self.held.set()
        self.done.wait(120)
        connection.execute("ROLLBACK")
        connection.close()

    def __enter__(self):
        self.thread.start()
        self.held.wait(30)
        if self.error is not None or not self.held.is_set():
            raise RuntimeError(f"browser-check: the database's write lock could not be taken: {self.error}")
        return self

    def release(self):
        self.done.set()
        self.thread.join(30)

    def __exit__(self, *exception):
        self.release()


def field_values(d, names):
    """What each field holds now: a text field's value, or the values of the choices ticked."""
    return {name: d.execute_script("""
        const controls = [...document.getElementsByName(arguments[0])];
        if (controls.length === 1 && controls[0].type !== 'radio' && controls[0].type !== 'checkbox') return controls[0].value;
        return controls.filter(c => c.checked).map(c => c.value);""", name) for name in names}


def check_not_saved(check, d):
    """A page posted while another process holds the database's write lock for longer than the
    server's 10 s busy timeout comes back as posted: status 503, the notice at the top, every
    answer still in its field. Sent again once the lock is gone, it is saved and the survey goes on."""
    check.open("/s/esem-se-open")
    start(d)
    click_choice(d, "consent", "yes")
    press(d, "next")
    answer_about_you(d, "4", "9")
    typed = {"resp_role": ["ceo"], "registered": ["yes"], "prio_fin": "4", "prio_imp": "9"}
    with WriteLock(check.database) as lock:
        began = time.monotonic()
        press(d, "next", seconds=60)
        waited = time.monotonic() - began
        check.audit("not-saved-page", "Om dig och organisationens prioriteringar")
        check.expect_status("not-saved-page", 503)
        notice = d.find_element(By.ID, "not-saved-title").text
        if notice != "Svaren på sidan sparades inte":
            check.failures.append(f"not-saved-page: the notice reads {notice!r}")
        if waited < 10:
            check.failures.append(f"not-saved-page: the page came back after {waited:.1f} s, before the server's 10 s busy timeout")
        kept = field_values(d, typed)
        if kept != typed:
            check.failures.append(f"not-saved-page: the answers in the fields are {kept}, expected {typed}")
        check.check_narrow("not-saved-page")
        lock.release()
    print(f"  not-saved-page: came back after {waited:.1f} s with the lock held")
    press(d, "next")
    check.audit("not-saved-page-sent-again", "Om organisationen")
    if d.find_elements(By.ID, "not-saved-title"):
        check.failures.append("not-saved-page-sent-again: the notice is still shown after the lock was released")
    press(d, "back")
    saved = field_values(d, typed)
    if saved != typed:
        check.failures.append(f"not-saved-page-sent-again: the store kept {saved}, expected {typed}")


def switch_admin_language(check, d, language, path):
    """Follows the admin page's language link to `language` and expects to come back to `path`."""
    submit_with(d, d.find_element(By.CSS_SELECTOR, f"nav.language-links a[lang='{language}']"))
    shown = d.execute_script("return location.pathname + location.search")
    if shown != path:
        check.failures.append(f"admin-language: the switch to {language} led to {shown}, not back to {path}")


def set_field(driver, name, value):
    """Sets a field of the page as a respondent would leave it (a text, the radio with this value or
    none, the boxes in the list ticked) and fires the events typing or ticking fires."""
    driver.execute_script("""
        const [name, value] = arguments;
        for (const control of document.getElementsByName(name)) {
          if (control.type === 'radio' || control.type === 'checkbox') {
            control.checked = Array.isArray(value) ? value.includes(control.value) : control.value === value;
          } else {
            control.value = value;
          }
          control.dispatchEvent(new Event('input', {bubbles: true}));
          control.dispatchEvent(new Event('change', {bubbles: true}));
        }""", name, value)


def check_condition_table(check, d):
    """Each row of live-conditions.json on the conditions page of live-conditions.yaml: every
    question is shown, hidden, or shown with its note (an answer the server would refuse) as the
    row says, which is what the server decides for the same row (LiveConditionTableTests)."""
    table = json.load(open(LIVE_TABLE, encoding="utf-8"))
    check.open("/s/live-check-open")
    start(d)
    for name, value in table["earlier"].items():
        fill(d, name, value)
    press(d, "next")
    for name, value in table["typed"].items():
        set_field(d, name, value)
    language = "sv"
    for number, row in enumerate(table["rows"], start=1):
        if row.get("language", "sv") != language:
            # The page in the row's language, whose decimal separator decides which numbers are asked about.
            for name, value in row["inputs"].items():
                set_field(d, name, [] if isinstance(value, list) else "")
            language = row["language"]
            press(d, "lang-" + language)
            for name, value in table["typed"].items():
                set_field(d, name, value)
        for name, value in row["inputs"].items():
            set_field(d, name, value)
        wrong = []
        for name, expected in row["expect"].items():
            wrapper = d.find_element(By.ID, "q-" + name)
            notes = d.find_elements(By.ID, "n-" + name)
            note = notes[0].is_displayed() if notes else None
            if expected == "not sent":
                ok = wrapper.is_displayed() and wrapper.get_attribute("data-relevant") is None
            elif expected == "hidden":
                ok = not wrapper.is_displayed()
            else:
                ok = wrapper.is_displayed() and note in (None, expected == "undecided")
            if not ok:
                wrong.append(f"{name} (expected {expected}; {'shown' if wrapper.is_displayed() else 'hidden'}, note {note})")
        if wrong:
            check.failures.append(f"condition-table: row {number}: " + "; ".join(wrong))
        print(f"  condition-table: row {number}: {len(row['expect']) - len(wrong)} of {len(row['expect'])} questions as expected")
    check.audit("condition-table", {"sv": "Villkor", "en": "Conditions"}[language])
    console_errors(check, "condition-table")
    # The page, posted with the script's questions hidden and shown, goes on as without the script.
    for name, value in table["rows"][1]["inputs"].items():
        set_field(d, name, value)
    press(d, "next")
    check.audit("condition-table-posted", {"sv": "Slut", "en": "End"}[language])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samla", required=True)
    parser.add_argument("--fixture", required=True)
    parser.add_argument("--axe", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    for path in (args.samla, args.fixture, "/usr/bin/chromium", "/usr/bin/chromedriver", args.axe):
        if not os.path.exists(path):
            sys.exit(f"browser-check: {path} is missing")
    os.makedirs(args.out, exist_ok=True)
    axe_source = open(args.axe, encoding="utf-8").read()

    with tempfile.TemporaryDirectory() as folder:
        database = os.path.join(folder, "samla.sqlite")
        subprocess.run([args.fixture, database, os.path.join(ROOT, "surveys/esem-se.yaml")], check=True)
        subprocess.run([args.fixture, database, LIVE_SURVEY], check=True)
        subprocess.run([args.fixture, database, LONG_WORDS_SURVEY], check=True)
        subprocess.run([args.fixture, database, os.path.join(ROOT, "surveys/samverkansforum.yaml")], check=True)
        invited_token = invite(args.samla, database, folder)
        env = dict(os.environ, SAMLA_ADMIN_SECRET="browser-check-admin-secret")
        server = subprocess.Popen([args.samla, "serve", "--db", database, "--port", "0"],
                                  stdout=subprocess.PIPE, stderr=open(os.path.join(args.out, "server-log.jsonl"), "w"), env=env, text=True)
        try:
            line = server.stdout.readline()
            if "listening on" not in line:
                sys.exit(f"browser-check: samla serve did not start: {line!r}")
            base = line.strip().split("listening on ")[1].rstrip("/")
            print(f"browser-check: samla serve at {base}")

            options = Options()
            options.binary_location = "/usr/bin/chromium"
            for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900", "--lang=sv-SE"):
                options.add_argument(flag)
            options.add_experimental_option("prefs", {"intl.accept_languages": "sv-SE,sv"})
            options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
            os.environ["SE_OFFLINE"] = "true"
            driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
            driver.set_script_timeout(60)
            check = Check(driver, base, axe_source, args.out, args.samla, database, invited_token)
            try:
                run_pages(check, driver)
            finally:
                driver.quit()
        finally:
            server.terminate()
            server.wait(timeout=20)

    print(f"browser-check: {len(check.pages)} pages checked")
    if check.failures:
        print("browser-check: FAILED")
        for failure in check.failures:
            print("  " + failure)
        sys.exit(1)
    print("browser-check: 0 violations on every page")


def run_pages(check, d):
    # The start page of the anonymous round, then a question page (the first page, reached by its button).
    check.open("/s/esem-se-open")
    check.audit("start-page", "Sociala företag i Sverige 2025")
    check.check_focus("start-page", 3)  # the skip link, the language link, the button
    check.check_narrow("start-page")
    check.check_low_vision("start-page")
    start(d)
    check.audit("question-page", "Välkommen")
    check.check_focus("question-page")
    check.check_low_vision("question-page")
    click_choice(d, "consent", "yes")
    press(d, "next")
    # A page with errors: a number out of range and one that is not a number.
    answer_about_you(d, "11", "nio")
    press(d, "next")
    check.audit("page-with-errors", "Om dig och organisationens prioriteringar")
    check.check_summary_focused("page-with-errors")
    check.check_summary_links("page-with-errors")
    check.check_summary_links("page-with-errors-320px", width=320)
    check.check_narrow("page-with-errors")
    check.check_low_vision("page-with-errors")
    fill(d, "prio_fin", "4")
    fill(d, "prio_imp", "9")
    press(d, "next")
    check.audit("organisation-page", "Om organisationen")
    check.check_low_vision("organisation-page")
    click_choice(d, "legal_form", "ekonomisk_forening")
    fill(d, "year_founded", "2012")
    click_choice(d, "stage", "established")
    d.find_element(By.CSS_SELECTOR, "#f-region option[value='M']").click()
    d.find_element(By.CSS_SELECTOR, "#f-sector option[value='Q']").click()
    click_choice(d, "sdg", "3")
    press(d, "next")
    click_choice(d, "target_any", "yes")
    click_choice(d, "target_groups", "migrants")
    press(d, "next")
    # The matrix page, then the same page in English through the language switch.
    check.audit("matrix-page", "Personal och ledning")
    check.check_narrow("matrix-page")
    check.check_low_vision("matrix-page")
    check_live_conditions(check, d)
    fill(d, "fte", "12,5")
    press(d, "lang-en")
    check.audit("matrix-page-english", "Staff and leadership")

    check_browser_back(check, d)

    # The thank-you page: a respondent who does not consent is done at once.
    check.open("/s/esem-se-open")
    start(d)
    click_choice(d, "consent", "no")
    press(d, "next")
    check.audit("thank-you-page", "Tack för dina svar")
    check.check_low_vision("thank-you-page")

    # The closed-round page, and the round that has not opened yet.
    check.open("/s/esem-se-closed")
    check.audit("closed-round-page", "Enkäten är stängd")
    check.check_low_vision("closed-round-page")
    check.open("/s/esem-se-later")
    check.audit("not-yet-open-page", "Enkäten har inte öppnat än")

    check_long_words(check, d)
    check_english_forum(check, d)
    check_withdrawn_link(check, d)
    check_not_saved(check, d)

    # Admin, in Swedish (the browser asks for Swedish): the login form, a failed login, the rounds,
    # a round's page with its chart, and an export the Exports module refuses (a language the
    # survey is not written in).
    check.open("/admin/login")
    check.audit("admin-login-sv", "Logga in")
    check.check_low_vision("admin-login-sv")
    d.find_element(By.ID, "secret").send_keys("not the secret")
    submit_with(d, d.find_element(By.CSS_SELECTOR, "form[action='/admin/login'] button"))
    check.audit("admin-login-failed-sv", "Logga in")
    d.find_element(By.ID, "secret").send_keys("browser-check-admin-secret")
    submit_with(d, d.find_element(By.CSS_SELECTOR, "form[action='/admin/login'] button"))
    check.audit("admin-rounds-sv", "Omgångar")
    check.check_narrow("admin-rounds-sv")
    check.check_low_vision("admin-rounds-sv")
    check.open("/admin/rounds/esem-se-open")
    check.audit("admin-round-sv", "Omgång esem-se-open")
    check.check_admin_chart("admin-round-sv")
    check.check_narrow("admin-round-sv")
    check.check_low_vision("admin-round-sv")
    check_response_page(check, d)
    # The round by invitation, whose one invitation was withdrawn above: counted on its page.
    # The round by invitation: one invitation withdrawn above, dispositions recorded, paper answers.
    check_invited_round(check, d, "sv")
    check.open("/admin/rounds/esem-se-open/exports/codebook.md?lang=de")
    check.audit("admin-export-refused-sv", "Exporten nekades")

    # The language switch, a link in the header: the same page in English, and the choice kept.
    check.open("/admin/rounds/esem-se-open")
    switch_admin_language(check, d, "en", "/admin/rounds/esem-se-open")
    check.audit("admin-round", "Round esem-se-open")
    check.check_admin_chart("admin-round")
    check.open("/admin")
    check.audit("admin-rounds", "Rounds")
    check.check_narrow("admin-rounds")
    check_invited_round(check, d, "en")
    check.open("/admin/rounds/esem-se-open/exports/codebook.md?lang=de")
    check.audit("admin-export-refused", "Export refused")
    check.open("/admin/login")
    check.audit("admin-login", "Sign in")
    switch_admin_language(check, d, "sv", "/admin/login")
    if d.find_element(By.TAG_NAME, "html").get_attribute("lang") != "sv":
        check.failures.append("admin-language: the switch to Swedish did not give a Swedish page")

    check_condition_table(check, d)


if __name__ == "__main__":
    main()
