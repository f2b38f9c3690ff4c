"""WCAG 1.4.12's text spacing in a Selenium-driven browser, shared by the browser checks: line height
1.5, paragraphs 2em apart, letters 0.12em and words 0.16em, as a constructable stylesheet (which a
page's CSP allows, where a <style> element would be refused)."""

SPACING = ("* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
           " p { margin-bottom: 2em !important; }")


def apply_text_spacing(driver):
    """Adds the spacing to the page shown now; returns whether its heading took it."""
    return driver.execute_script("""
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(arguments[0]);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        const s = getComputedStyle(document.querySelector('h1'));
        return Math.abs(parseFloat(s.letterSpacing) - 0.12 * parseFloat(s.fontSize)) < 0.05;""", SPACING)


def remove_text_spacing(driver):
    """Takes the spacing apply_text_spacing added off the page again."""
    driver.execute_script("document.adoptedStyleSheets = document.adoptedStyleSheets.slice(0, -1);")
