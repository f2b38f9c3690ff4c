/// The one stylesheet, served from the binary (the CSP allows styles from the server only).
/// Colours meet WCAG AA contrast on white (text 16:1, links and buttons above 7:1, errors 7:1);
/// every control shows a thick focus outline; the layout is one column that works at 320 px,
/// a word longer than its line (a Swedish compound in the error summary) breaks rather than
/// running out of its box (with WCAG 1.4.12's text spacing too), and a matrix turns into stacked rows
/// on narrow screens. The admin chart's marks have 3:1 contrast, tell begun from completed by more
/// than colour (outlined and solid), and take the system colours in forced colours (high contrast).
enum Stylesheet {
    static let asset = StaticAsset(stem: "samla", extension: "css", contentType: "text/css; charset=utf-8", content: css)
    static var path: String { asset.path }

    static let css = """
    *, *::before, *::after { box-sizing: border-box; }
    html { font-size: 100%; -webkit-text-size-adjust: 100%; }
    body {
      margin: 0; color: #1b1b1b; background: #ffffff;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      font-size: 1.0625rem; line-height: 1.5;
      overflow-wrap: break-word;
    }
    a { color: #1a4b8c; text-decoration: underline; text-underline-offset: 0.15em; }
    a:visited { color: #4c2c92; }
    a:hover { color: #0b2e5c; text-decoration-thickness: 0.15em; }
    /* Focus on a date's calendar button is neither :focus nor :focus-visible for the field: it showed no outline. */
    :focus-visible, input[type=date]:focus-within { outline: 3px solid #1b1b1b; outline-offset: 2px; box-shadow: 0 0 0 6px #ffdd00; }
    a:focus-visible { background: #ffdd00; color: #1b1b1b; text-decoration: none; }
    .skip-link { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem; background: #ffdd00; color: #1b1b1b; }
    .skip-link:focus { left: 0.5rem; top: 0.5rem; z-index: 10; }
    .visually-hidden {
      position: absolute !important; width: 1px !important; height: 1px !important; margin: -1px !important;
      padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; white-space: nowrap !important; border: 0 !important;
    }

    .site-header { background: #0b3d2e; color: #ffffff; padding: 0.75rem 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; justify-content: space-between; }
    .site-title { margin: 0; font-weight: 700; font-size: 1.125rem; }
    .site-header a { color: #ffffff; }
    .signed-in { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
    .site-header a:focus-visible { color: #1b1b1b; }
    .language-links ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 1rem; }

    .content { max-width: 44rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
    h1 { font-size: 1.75rem; line-height: 1.2; margin: 0.5rem 0 1.25rem; }
    h2 { font-size: 1.35rem; line-height: 1.25; margin: 1.5rem 0 0.75rem; }
    p { margin: 0 0 1rem; }
    .lead { font-size: 1.125rem; }

    .progress { margin: 0 0 1rem; }
    .progress label { display: block; font-size: 0.95rem; color: #3d3d3d; }
    .progress progress { width: 100%; height: 0.75rem; accent-color: #0b3d2e; }

    /* The language buttons come last in the form, so that Enter in a field means "next", but show first. */
    .page-form { display: flex; flex-direction: column; }
    .page-form > .language-switch { order: -1; }
    .language-switch { display: flex; flex-wrap: wrap; gap: 0.5rem; justify-content: flex-end; margin: 0 0 0.5rem; }

    .question { margin: 0 0 1.75rem; }
    /* Where the error summary's links go: a little room above the question's label. */
    .question, .other, .matrix th[scope=row] { scroll-margin-top: 1rem; }
    .question fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
    /* A legend is as wide as its longest word: `anywhere` lets a long compound break there too. */
    .question-label, .question legend { display: block; font-weight: 700; font-size: 1.125rem; margin: 0 0 0.35rem; padding: 0; overflow-wrap: anywhere; }
    .required { font-weight: 400; color: #3d3d3d; }
    .hint { color: #3d3d3d; margin: 0 0 0.5rem; }
    .unit { margin-left: 0.5rem; color: #3d3d3d; }
    .note { margin: 0 0 1.5rem; }
    .has-error { border-left: 5px solid #b0001a; padding-left: 0.9rem; }
    .error-message { color: #b0001a; font-weight: 700; margin: 0 0 0.5rem; }

    input[type=text], input[type=email], input[type=date], select, textarea {
      font: inherit; color: inherit; background: #ffffff; border: 2px solid #1b1b1b; border-radius: 0;
      padding: 0.35rem 0.5rem; max-width: 100%;
    }
    input[type=text], input[type=email], select { width: 100%; }
    input.narrow { width: 8em; }
    input[type=date] { width: 12em; }
    textarea { width: 100%; min-height: 8rem; }
    [aria-invalid=true] { border-color: #b0001a; border-width: 3px; }

    .choices { display: grid; gap: 0.5rem; margin: 0.25rem 0 0; }
    .choice { display: flex; align-items: flex-start; gap: 0.6rem; }
    .choice input { width: 1.4rem; height: 1.4rem; margin: 0.1rem 0 0; flex: none; accent-color: #0b3d2e; }
    .choice label { flex: 1; min-width: 0; overflow-wrap: anywhere; }
    .other { margin: 0.75rem 0 0 2rem; }
    .other label { display: block; margin-bottom: 0.25rem; }

    .matrix { border-collapse: collapse; width: 100%; margin: 0.5rem 0 0; }
    .matrix th, .matrix td { border-bottom: 1px solid #b1b4b6; padding: 0.5rem 0.35rem; vertical-align: middle; }
    .matrix thead th { font-weight: 400; font-size: 0.95rem; text-align: center; vertical-align: bottom; }
    .matrix tbody th { text-align: left; font-weight: 400; }
    .matrix td { text-align: center; }
    .matrix td input { width: 1.4rem; height: 1.4rem; accent-color: #0b3d2e; }
    .matrix .matrix-column { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
    @media (max-width: 40em) {
      .matrix thead { display: none; }
      .matrix, .matrix tbody, .matrix tr, .matrix th, .matrix td { display: block; width: 100%; }
      .matrix tr { border-bottom: 1px solid #b1b4b6; padding: 0.5rem 0; }
      .matrix th, .matrix td { border: 0; padding: 0.25rem 0; text-align: left; }
      .matrix tbody th { font-weight: 700; }
      .matrix td { display: flex; align-items: center; gap: 0.6rem; }
      .matrix .matrix-column { position: static; width: auto; height: auto; margin: 0; overflow: visible; clip: auto; white-space: normal; }
    }

    .actions { display: flex; flex-wrap: wrap; flex-direction: row-reverse; justify-content: flex-end; gap: 0.75rem; margin: 2rem 0 1rem; }
    button, .button {
      font: inherit; font-weight: 700; cursor: pointer; border: 2px solid #0b3d2e; border-radius: 0;
      padding: 0.55rem 1.25rem; background: #0b3d2e; color: #ffffff; min-height: 2.75rem;
    }
    button:hover { background: #072a1f; }
    button.secondary { background: #ffffff; color: #0b3d2e; }
    button.secondary:hover { background: #e8f0ec; }
    button.link { background: none; border: 0; padding: 0.25rem 0; min-height: 0; color: #1a4b8c; text-decoration: underline; font-weight: 400; }
    .resume-note, .share-note { color: #3d3d3d; font-size: 0.95rem; }

    .error-summary { border: 4px solid #b0001a; padding: 1rem 1.25rem; margin: 0 0 1.5rem; }
    .error-summary:focus { outline: 3px solid #1b1b1b; outline-offset: 2px; box-shadow: 0 0 0 6px #ffdd00; }
    .error-summary h2 { margin-top: 0; }
    .error-summary ul { margin: 0; padding-left: 1.25rem; }
    .error-summary a { color: #b0001a; font-weight: 700; }
    .error-summary a:focus-visible { color: #1b1b1b; }

    table.data { border-collapse: collapse; width: 100%; margin: 0 0 1.5rem; font-size: 0.95rem; }
    table.data th, table.data td { border-bottom: 1px solid #b1b4b6; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
    table.data td.number, table.data th.number { text-align: right; font-variant-numeric: tabular-nums; }
    .table-scroll { overflow-x: auto; }
    .date { white-space: nowrap; }
    .option { white-space: nowrap; }
    .identifier { white-space: nowrap; }
    .chart-scroll { overflow-x: auto; }
    .chart { display: block; max-width: 100%; min-width: \(DailyChart.width / 16)rem; height: auto; }
    \(DailyChart.narrowBarCounts.map { ".chart.bars-\($0) { min-width: \(Double(DailyChart.width(bars: $0)) / 16)rem; }" }.joined(separator: "\n    "))
    .chart .bar-started { fill: #dce6f1; stroke: #0b3d2e; stroke-width: 2; }
    .chart .bar-completed { fill: #0b3d2e; }
    .chart text { font-size: \(DailyChart.textSize)px; fill: #1b1b1b; }
    .legend { display: flex; gap: 1.5rem; font-size: 0.95rem; margin: 0 0 1rem; }
    .swatch { display: inline-block; width: 0.9rem; height: 0.9rem; margin-right: 0.35rem; vertical-align: -0.1rem; border: 1px solid #1b1b1b; }
    .swatch.started { background: #dce6f1; border: 2px solid #0b3d2e; }
    .swatch.completed { background: #0b3d2e; }
    .notice { border-left: 5px solid #1a4b8c; padding: 0.5rem 1rem; background: #f3f6fa; }
    .admin .content { max-width: 64rem; }
    .answer-text { white-space: pre-wrap; overflow-wrap: anywhere; min-width: 10rem; }

    /* Forced colours keep an SVG's fills but turn the page dark: the chart and its legend take the
       system colours, begun bars outlined and completed ones solid, as in the usual colours. */
    @media (forced-colors: active) {
      .chart text { fill: CanvasText; }
      .chart line { stroke: CanvasText; }
      .chart .bar-started { fill: Canvas; stroke: CanvasText; }
      .chart .bar-completed { fill: CanvasText; }
      .swatch { forced-color-adjust: none; border-color: CanvasText; }
      .swatch.started { background: Canvas; border-color: CanvasText; }
      .swatch.completed { background: CanvasText; }
    }

    @media print {
      .site-header { background: none; color: #000000; border-bottom: 2px solid #000000; }
      .language-switch, .language-links, .actions, .skip-link { display: none; }
      a { color: #000000; }
    }
    """
}
