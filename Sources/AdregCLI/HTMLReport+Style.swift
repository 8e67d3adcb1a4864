extension HTMLReport {
  /// Light backgrounds only, Okabe–Ito colours (safe for colour-blind readers), shapes that stay distinct in
  /// grey print, and landscape pages so that the wide charts keep a readable type size on paper.
  static let css = """
    body { font-family: "Liberation Sans", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; color: #111;
      background: #fff; max-width: 1120px; margin: 24px auto; padding: 0 16px; font-size: 15px; line-height: 1.45; }
    h1 { font-size: 24px; margin: 0 0 10px; }
    h2 { font-size: 19px; border-bottom: 1px solid #888; padding-bottom: 3px; margin: 34px 0 8px; }
    h3 { font-size: 16px; margin: 18px 0 6px; }
    p { max-width: 75em; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
    dl.facts dt { font-weight: bold; }
    dl.facts dd { margin: 0; }
    table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
    th, td { border-bottom: 1px solid #ccc; padding: 4px 10px; text-align: left; }
    th { vertical-align: bottom; }
    td { vertical-align: top; }
    td:first-child { white-space: nowrap; }
    th { border-bottom: 2px solid #555; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    tr.total td { font-weight: bold; border-top: 2px solid #555; }
    th.group { text-align: center; border-bottom: 1px solid #999; }
    tr.factor th { text-align: left; padding-top: 14px; border-bottom: 1px solid #999; font-size: 15px; }
    figure { margin: 12px 0; }
    figcaption { font-size: 14px; margin: 4px 0; }
    .empty { font-weight: bold; padding: 8px 12px; border-left: 4px solid #E69F00; background: #fff8e6; }
    .note { font-size: 13px; }
    ol.notes { font-size: 13px; padding-left: 2.2em; }
    ol.notes li { margin-bottom: 4px; }
    ol.notes .source { font-weight: bold; }
    .histograms { display: flex; flex-wrap: wrap; gap: 8px 28px; }
    figure.histogram { width: 520px; max-width: 100%; }
    svg.chart { display: block; max-width: 100%; height: auto; }
    svg text { font-family: "Liberation Sans", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; font-size: 12px; fill: #111; }
    svg .head, svg .axis-title, svg .category, svg .strong { font-weight: bold; }
    svg .tick { fill: #333; }
    svg .band { fill: #f1f1f1; }
    svg .grid { stroke: #d4d4d4; stroke-width: 1; }
    svg .axis { stroke: #333; stroke-width: 1; }
    svg .ci { stroke: #000; stroke-width: 2; }
    svg .observed { fill: #000; }
    svg .dupilumab { fill: #0072B2; stroke: #0072B2; stroke-width: 1; }
    svg .placebo { fill: #fff; stroke: #D55E00; stroke-width: 2; }
    svg .upto.dupilumab { fill: #0072B2; fill-opacity: 0.3; stroke: none; }
    svg .upto.placebo { fill: #D55E00; fill-opacity: 0.2; stroke: none; }
    svg .upto-end { stroke-width: 3; }
    svg .bar { fill: #56B4E9; stroke: #0072B2; stroke-width: 1; }
    .incidence-charts { display: flex; flex-wrap: wrap; gap: 8px 28px; }
    figure.incidence { width: 520px; max-width: 100%; }
    svg .km-line { fill: none; stroke: #000; stroke-width: 2; stroke-linejoin: miter; }
    svg .km-band { fill: #000; fill-opacity: 0.14; stroke: none; }
    svg .ref-ci { stroke: #0072B2; stroke-width: 1.5; }
    svg text.ref-label { fill: #00507D; }
    svg .label-back { fill: #fff; fill-opacity: 0.85; stroke: none; }
    svg .compared { fill: #fff; stroke: #000; stroke-width: 1.5; }
    svg .ci.compared-ci { stroke-width: 1; }
    svg text.compared-label { font-style: italic; fill: #333; }
    svg .median { stroke: #D55E00; stroke-width: 2; stroke-dasharray: 5 3; }
    svg text.median-label { fill: #A13A00; font-weight: bold; }
    * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    @page { size: A4 landscape; margin: 12mm; }
    @media print {
      body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
      h2 { break-after: avoid; }
      figure, tr, li { break-inside: avoid; }
      figure.histogram, figure.incidence { width: 48%; }
    }

    """
}
