/// The report's one stylesheet, inlined in `<head>`: system fonts only, readable from 320 px up,
/// in forced colours (status shapes take the text colour; charts draw their own white ground), and a
/// print layout for A4: numbered pages, page breaks before major sections, no heading or table header
/// left at a page's foot, a breakdown's rows kept with their question, and tables set to fit the page's
/// width, since Chromium shrinks every page of a document with anything wider (the impact report
/// printed at 75 %, its text at 8 pt).
enum ReportStylesheet {
    static let css: StaticString = """
    :root { --ink: #1b1b1b; --muted: #4a4a4a; --rule: #c8c8c8; --accent: #1f4e79; --band: #f4f6f8; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    .page { max-width: 62rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
    header.report-header { border-bottom: 3px solid var(--accent); padding-bottom: .75rem; margin-bottom: 1.5rem; }
    header.report-header p { margin: .25rem 0; color: var(--muted); }
    h1 { font-size: 1.9rem; line-height: 1.2; margin: .5rem 0; }
    h2 { font-size: 1.5rem; line-height: 1.25; margin: 2.5rem 0 .75rem; padding-top: .5rem; border-top: 1px solid var(--rule); }
    h3 { font-size: 1.15rem; line-height: 1.3; margin: 2rem 0 .5rem; }
    h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
    h1, h2, h3, h4, p, li { overflow-wrap: anywhere; }
    a { color: var(--accent); }
    .lead { font-size: 1.05rem; }
    .muted, .code { color: var(--muted); }
    .code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85em; }
    nav.contents ol { padding-left: 1.25rem; margin: .25rem 0; }
    nav.contents { background: var(--band); padding: .5rem 1rem; border-radius: 4px; margin: 1.5rem 0; }
    .tiles { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; padding: 0; list-style: none; }
    .tile { flex: 1 1 7rem; border: 2px solid var(--rule); border-radius: 6px; padding: .6rem .8rem; background: #fff; }
    .tile .count { display: block; font-size: 2rem; font-weight: 700; line-height: 1.1; }
    .tile.met { border-color: #15703a; background: #dcf2e2; }
    .tile.on-track { border-color: #8a5a00; background: #fdf0c4; }
    .tile.off-track { border-color: #b42318; background: #fbdedb; }
    .tile.not-met { border-color: #7a1c12; background: #f1d3ce; }
    .tile.no-status { border-color: #5c5c5c; background: #efefef; }
    .status { white-space: nowrap; font-weight: 600; }
    .status.met { color: #15703a; } .status.on-track { color: #8a5a00; } .status.off-track { color: #b42318; } .status.not-met { color: #7a1c12; } .status.no-status { color: #4a4a4a; font-weight: 400; }
    .status-icon { vertical-align: -2px; margin-right: .3rem; }
    figure { margin: 1rem 0 1.5rem; }
    figcaption { font-weight: 600; margin-bottom: .4rem; }
    svg.chart { display: block; width: 100%; max-width: 680px; height: auto; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
    svg.toc { max-width: 100%; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; user-select: none; }
    .table-wrap { position: relative; overflow-x: auto; margin: .5rem 0 1rem; }
    .chart-wrap { overflow-x: auto; }
    .table-wrap:focus, .chart-wrap:focus { outline: 2px solid var(--accent); outline-offset: 2px; }
    table { border-collapse: collapse; font-size: .92rem; min-width: 18rem; }
    caption { text-align: left; font-weight: 600; padding: .25rem 0; caption-side: top; position: sticky; left: 0; max-width: min(calc(100vw - 2rem), 60rem); }
    tr.print-heading, tr.print-notes { display: none; }
    th, td { border-bottom: 1px solid var(--rule); padding: .3rem .6rem .3rem 0; text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid var(--ink); }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; padding-left: .6rem; }
    td.num { white-space: nowrap; }
    td.num .note { white-space: normal; display: inline-block; min-width: 9.5rem; }
    td.round { white-space: nowrap; }
    tbody th { font-weight: 400; }
    section.major:first-child h2 { border-top: none; padding-top: 0; margin-top: 1rem; }
    tr.heading th { padding-top: .8rem; border-bottom: 1px solid var(--ink); }
    tr.total th, tr.total td { font-weight: 700; }
    .note { font-size: .9rem; color: var(--muted); }
    .indicator { margin-top: 2.5rem; }
    .indicator-facts { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: .25rem 0 .75rem; padding: 0; list-style: none; }
    .question { margin-top: 2rem; }
    .question .name { font-weight: 400; }
    .open-answers { margin: .25rem 0 1rem; padding-left: 1.25rem; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
    dl.facts dt { font-weight: 600; }
    dl.facts dd { margin: 0; }
    dl.methods dt { font-weight: 600; }
    dl.methods dt .code { font-weight: 400; }
    dl.methods dd { margin: 0 0 .6rem; }
    @media (max-width: 30rem) {
      body { font-size: 15px; }
      h1 { font-size: 1.5rem; }
      h2 { font-size: 1.3rem; }
      dl.facts { grid-template-columns: 1fr; }
    }
    @media screen and (max-width: 40rem) {
      svg.chart { min-width: 36rem; }
      svg.toc { min-width: 42rem; }
    }
    @media (forced-colors: active) {
      .status-icon * { fill: currentColor; stroke: currentColor; }
    }
    @page {
      size: A4; margin: 16mm 14mm 18mm;
      @bottom-right { content: counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #4a4a4a; }
    }
    @media print {
      html { font-size: 10.5pt; }
      body { font-size: 1rem; }
      table { font-size: 9pt; }
      th, td { padding-right: .4rem; }
      td.num, th.num { padding-left: .4rem; }
      td.num .note { min-width: 0; }
      .page { max-width: none; padding: 0; }
      nav.contents { display: none; }
      caption { display: none; }
      tr.print-heading { display: table-row; }
      tr.print-heading td { font-weight: 600; padding: .25rem 0; border-bottom: none; }
      tr.print-notes { display: table-row; break-before: avoid; }
      tr.print-notes td { padding: .3rem 0 0; border-bottom: none; }
      tr.print-notes .note { margin: 0 0 .3rem; }
      p.note.withheld { display: none; }
      h2 { border-top: none; margin-top: 0; }
      section.major ~ section.major { break-before: page; }
      h2, h3, h4, figcaption, caption { break-after: avoid; }
      .indicator > h3 + p, .indicator-facts, tr.heading, .lead-in { break-after: avoid; }
      .table-wrap + .note { break-before: avoid; }
      figure, tr, .tile, .indicator > h3 + p, .indicator-facts { break-inside: avoid; }
      thead + tbody > tr:first-child { break-before: avoid; }
      tr:first-child:nth-last-child(-n+12), tr:first-child:nth-last-child(-n+12) ~ tr:not(:last-child),
      tr.heading:first-child:nth-last-child(-n+25) ~ tr:not(:last-child) { break-after: avoid; }
      .table-wrap, .chart-wrap { overflow: visible; }
      a { color: inherit; text-decoration: none; }
      svg.chart { max-width: 100%; }
    }
    """
}
