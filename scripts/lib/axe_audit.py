"""axe-core in a Selenium-driven browser, shared by the browser checks."""

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def run_axe(driver, axe_source):
    """Injects axe-core into the page shown now and runs the WCAG 2.1 A and AA rules. Returns
    {violations, passes, version} or {error}."""
    driver.execute_script(axe_source)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done({violations: r.violations, passes: r.passes.length, version: axe.version}))"
        ".catch(e => done({error: String(e)}));",
        WCAG_TAGS,
    )
