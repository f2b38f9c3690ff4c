# Sourced by the browser checks: fetch_axe puts axe-core (axe.min.js, from the PyPI wheel of
# axe-playwright-python, which ships it) under scripts/output/axe once, and sets AXE to its path.
fetch_axe() {
    local dir=scripts/output/axe
    AXE="$dir/axe_playwright_python/axe.min.js"
    if [ ! -f "$AXE" ]; then
        mkdir -p "$dir"
        python3 -m pip download --no-deps --quiet axe-playwright-python==0.1.8 -d "$dir"
        python3 -c "import zipfile, glob, sys; zipfile.ZipFile(glob.glob(sys.argv[1] + '/axe_playwright_python-0.1.8-*.whl')[0]).extract('axe_playwright_python/axe.min.js', sys.argv[1])" "$dir"
    fi
    [ -f "$AXE" ]
}
