import Foundation
import Scenario
import SimKernel

/// `report.html`: one self-contained page a person can open offline, print, or read in a
/// narrow window. Inline CSS and inline SVG only (no script, no external font, stylesheet or
/// image); every string from the scenario is escaped; the same inputs give the same bytes
/// (fixed number formatting, no dates, no random identifiers).
public enum HTMLReport {
    /// The file's name in a run directory.
    public static let fileName = "report.html"

    /// Rows of the collapsed "all metrics" table; the rest are in summary.csv.
    static let allMetricsLimit = 3000

    /// The page for a run: the scenario as run (after overrides), its replications' results
    /// in replication order, and their summary.
    public static func render(_ scenario: Scenario, _ results: [ReplicationResult], _ summary: RunSummary) -> String {
        let data = ReportData(scenario: scenario, results: results, summary: summary)
        let context = ReportContext(markers: markers(scenario, span: data.durationSeconds))
        var sections: [(ReportSection, [String])] = []
        for section in ReportSections.all {
            let blocks = section.build(data, context)
            if !blocks.isEmpty { sections.append((section, blocks)) }
        }
        let allMetrics = FigureTable.all(data, limit: allMetricsLimit)

        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<meta name=\"generator\" content=\"\(ToolInfo.name) \(ToolInfo.version)\">\n"
        html += "<title>\(HTMLText.escape(scenario.name)) · \(ToolInfo.name) report</title>\n"
        html += "<style>\n\(stylesheet)</style>\n</head>\n<body>\n"
        html += header(data)

        html += "<nav class=\"toc\" aria-label=\"Sections\">"
        var links = sections.map { "<a href=\"#\($0.0.id)\">\(HTMLText.escape($0.0.title))</a>" }
        if allMetrics != nil { links.append("<a href=\"#all-metrics\">All metrics</a>") }
        html += links.joined(separator: " · ") + "</nav>\n"

        for (section, blocks) in sections {
            html += "<section id=\"\(section.id)\">\n<h2>\(HTMLText.escape(section.title))</h2>\n"
            if let intro = section.intro { html += "<p class=\"intro\">\(HTMLText.escape(intro))</p>\n" }
            html += blocks.joined()
            html += "</section>\n"
        }
        if let allMetrics {
            html += "<section id=\"all-metrics\">\n<h2>All metrics</h2>\n"
            html += "<details><summary>Every metric of summary.csv (\(data.summary.rows.count) rows)</summary>\n\(allMetrics)</details>\n</section>\n"
        }
        html += "<footer><p>Written by \(ToolInfo.name) \(ToolInfo.version). Every figure is computed from this run's replications; "
        html += "summary.csv, replications.csv and timeseries.csv beside this file hold the same numbers unrounded.</p></footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    /// A page's header up to its facts: what kind of page, the scenario's name, and the
    /// question it answers (its description).
    static func opening(_ kind: String, name: String, description: String) -> String {
        var html = "<header>\n<p class=\"kicker\">\(ToolInfo.name) \(kind)</p>\n<h1>\(HTMLText.escape(name))</h1>\n"
        let question = description.trimmingCharacters(in: .whitespacesAndNewlines)
        if question.isEmpty {
            html += "<p class=\"question muted\">The scenario has no description.</p>\n"
        } else {
            html += "<p class=\"question\">\(HTMLText.escape(question))</p>\n"
        }
        return html
    }

    /// The title, the question, the run's facts and the scenario's text.
    static func header(_ data: ReportData) -> String {
        let scenario = data.scenario
        var html = opening("report", name: scenario.name, description: scenario.description)
        var facts: [(String, String)] = [
            ("replications", String(data.replicationCount)),
            ("duration", DurationText.format(scenario.duration)),
            ("warm-up", DurationText.format(scenario.warmup)),
            ("sample interval", DurationText.format(scenario.sampleInterval)),
            ("seed", String(scenario.seed)),
            ("events", ReportNumber.grouped(String(data.results.reduce(UInt64(0)) { $0 + $1.events }))),
            ("variant", scenario.variant),
        ]
        if !scenario.file.isEmpty { facts.append(("file", scenario.file)) }
        html += "<ul class=\"facts\">"
        for (name, value) in facts {
            html += "<li><span class=\"fact-name\">\(HTMLText.escape(name))</span> \(HTMLText.escape(value))</li>"
        }
        html += "</ul>\n"
        if !scenario.warnings.isEmpty {
            html += "<ul class=\"warnings\">"
            for warning in scenario.warnings { html += "<li>\(HTMLText.escape(warning.description))</li>" }
            html += "</ul>\n"
        }
        html += "<details class=\"scenario\"><summary>Scenario parameters (YAML\(scenario.overrides.isEmpty ? "" : ", before the overrides of the variant"))</summary>\n"
        html += "<pre>\(HTMLText.escape(scenario.text))</pre>\n</details>\n</header>\n"
        return html
    }

    /// The warm-up and the scenario's faults, shaded in every time chart.
    static func markers(_ scenario: Scenario, span: Double) -> [TimeMarker] {
        var markers: [TimeMarker] = []
        if scenario.warmup.nanoseconds > 0 {
            markers.append(TimeMarker(start: 0, end: scenario.warmup.seconds, label: "warm-up", fill: "#eef0f3"))
        }
        for outage in scenario.platform?.outages ?? [] {
            let end = outage.duration.map { (outage.at + $0).seconds } ?? span
            let instances = outage.instances.map(String.init).joined(separator: ", ")
            markers.append(TimeMarker(
                start: outage.at.seconds, end: end,
                label: "fault: \(outage.service) [\(instances)] stopped", fill: "#fbe4e4"))
        }
        return markers
    }

    static let stylesheet = """
        :root { color-scheme: light; --fg: #1f2937; --muted: #6b7280; --line: #e5e7eb; --soft: #f8fafc; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: #fff; margin: 0 auto; max-width: 1000px; padding: 18px 22px 48px; line-height: 1.45; }
        h1 { font-size: 1.7rem; margin: 0 0 .2em; overflow-wrap: anywhere; }
        h2 { font-size: 1.25rem; margin: 2em 0 .4em; padding-bottom: .2em; border-bottom: 1px solid var(--line); }
        .kicker { margin: 0; color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; }
        .question { font-size: 1.1rem; margin: .2em 0 .6em; overflow-wrap: anywhere; }
        .muted, .intro { color: var(--muted); }
        .intro { font-size: .92rem; margin-top: 0; }
        .facts { list-style: none; padding: 0; margin: .4em 0; display: flex; flex-wrap: wrap; gap: 2px 18px; font-size: .88rem; }
        .fact-name { color: var(--muted); }
        .warnings { color: #92400e; font-size: .88rem; }
        details.scenario summary, details summary { cursor: pointer; color: #1d4ed8; font-size: .92rem; }
        details pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 10px 12px; font-size: .78rem; line-height: 1.35; max-height: 520px; overflow: auto; }
        nav.toc { margin: 1em 0; padding: 6px 10px; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; font-size: .9rem; }
        nav.toc a { color: #1d4ed8; text-decoration: none; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 10px; margin: .6em 0 1em; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
        .card-label, .card-ci { color: var(--muted); font-size: .8rem; }
        .card-value { font-size: 1.35rem; font-weight: 600; font-variant-numeric: tabular-nums; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: .86rem; margin: .5em 0; }
        caption { text-align: left; color: var(--muted); padding-bottom: 4px; }
        th, td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid #d1d5db; font-weight: 600; }
        tbody th { font-weight: 500; }
        .center { text-align: center; }
        tbody th { white-space: nowrap; }
        td.model { white-space: nowrap; }
        .formula { color: var(--muted); font-size: .78rem; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .figures th.key { font-family: inherit; }
        td.key { min-width: 11em; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .75rem; color: var(--muted); overflow-wrap: anywhere; }
        tr.group th { background: #f3f4f6; padding-top: 5px; }
        figure.chart { margin: 1.3em 0; }
        figcaption { margin-bottom: 4px; }
        .chart-title { font-weight: 600; }
        .chart-caption { color: var(--muted); font-size: .88rem; }
        svg { display: block; width: 100%; height: auto; max-width: 780px; }
        svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #374151; }
        .tick { font-size: 11px; }
        .axis-title { font-size: 11.5px; fill: #4b5563; }
        .value { font-size: 10px; fill: #111827; }
        .marker-label { font-size: 10px; fill: #6b7280; }
        .grid { stroke: #eceef2; stroke-width: 1; }
        .axis { stroke: #9ca3af; stroke-width: 1; }
        .line { fill: none; stroke-width: 1.8; stroke-linejoin: round; stroke-linecap: round; }
        .line.dashed { stroke-dasharray: 6 4; }
        .band { fill-opacity: .16; stroke: none; }
        .whisker { stroke: #111827; stroke-width: 1.2; }
        .reference { stroke: #6b7280; stroke-width: 1.2; stroke-dasharray: 4 3; }
        .legend { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: 2px 16px; font-size: .82rem; }
        .swatch { display: inline-block; width: 18px; height: 0; border-top: 3px solid; vertical-align: middle; margin-right: 6px; }
        .swatch.dashed { border-top-style: dashed; }
        .swatch.box { width: 11px; height: 11px; border: 6px solid; border-radius: 2px; }
        .note { color: var(--muted); font-size: .8rem; margin: .25em 0; }
        .verdict-ok { color: #047857; font-weight: 600; }
        .verdict-warn { color: #b45309; font-weight: 600; }
        .verdict-bad { color: #b91c1c; font-weight: 600; }
        footer { margin-top: 3em; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); }
        @media (max-width: 640px) {
          body { padding: 10px 10px 32px; }
          h1 { font-size: 1.35rem; }
          .card-value { font-size: 1.12rem; }
          table { font-size: .8rem; }
          table.figures .key { display: none; }
          .tick, .marker-label, .value { font-size: 15px; }
          .axis-title { font-size: 16px; }
        }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          nav.toc { display: none; }
          h2 { break-after: avoid; page-break-after: avoid; }
          figure.chart, .card, tr { break-inside: avoid; page-break-inside: avoid; }
          svg { max-width: 100%; }
          details pre { max-height: none; overflow: visible; }
          #all-metrics { display: none; }
          details::details-content { content-visibility: visible; display: contents; }
          a { color: inherit; text-decoration: none; }
        }
        @page { margin: 14mm; }

        """
}
