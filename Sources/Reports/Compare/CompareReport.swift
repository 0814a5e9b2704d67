import Foundation
import Scenario
import SimKernel

/// `compare.html`: two designs side by side, self-contained like `report.html` (inline CSS
/// and SVG, every scenario string escaped, the same inputs give the same bytes). It leads
/// with what differs significantly, then shows how the designs differ in their scenario
/// text and over time, then every compared metric.
public enum CompareReport {
    public static let fileName = "compare.html"

    /// Charts of series over time; the rest are named under the last one.
    static let maximumCharts = 24
    /// Cards for the largest significant changes.
    static let maximumCards = 6

    /// One side of a comparison: its scenario and results.
    public struct Side {
        public var scenario: Scenario
        public var results: [ReplicationResult]

        public init(scenario: Scenario, results: [ReplicationResult]) {
            self.scenario = scenario
            self.results = results
        }
    }

    public static func render(a: Side, b: Side, _ comparison: PairedComparison) -> String {
        let dataA = ReportData(scenario: a.scenario, results: a.results, summary: RunSummary(a.results))
        let dataB = ReportData(scenario: b.scenario, results: b.results, summary: RunSummary(b.results))
        let names = labels(a.scenario, b.scenario)
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<meta name=\"generator\" content=\"\(ToolInfo.name) \(ToolInfo.version)\">\n"
        html += "<title>\(HTMLText.escape(names.a)) vs \(HTMLText.escape(names.b)) · \(ToolInfo.name) comparison</title>\n"
        html += "<style>\n\(HTMLReport.stylesheet)\(stylesheet)</style>\n</head>\n<body>\n"
        html += header(a.scenario, b.scenario, names: names, comparison)
        html += "<nav class=\"toc\" aria-label=\"Sections\"><a href=\"#differences\">Significant differences</a> · "
        html += "<a href=\"#changes\">What differs in the scenarios</a> · <a href=\"#over-time\">Over time</a> · "
        html += "<a href=\"#all-metrics\">All compared metrics</a></nav>\n"
        html += differences(comparison, names: names)
        html += changes(a.scenario, b.scenario)
        html += overTime(dataA, dataB, comparison, names: names)
        html += allMetrics(comparison, names: names)
        html += "<footer><p>Written by \(ToolInfo.name) \(ToolInfo.version). compare.csv beside this file holds every figure unrounded; "
        html += "a/ and b/ hold each design's own run directory and report.</p></footer>\n</body>\n</html>\n"
        return html
    }

    /// How the page names the designs: by scenario name, or when the names agree by the
    /// overrides only one of them has; as A and B when nothing tells them apart.
    static func labels(_ a: Scenario, _ b: Scenario) -> (a: String, b: String) {
        if a.name != b.name { return (a.name, b.name) }
        let onlyA = a.overrides.filter { !b.overrides.contains($0) }
        let onlyB = b.overrides.filter { !a.overrides.contains($0) }
        if onlyA.isEmpty && onlyB.isEmpty { return ("A", "B") }
        return (onlyA.isEmpty ? a.name : onlyA.joined(separator: "; "), onlyB.isEmpty ? b.name : onlyB.joined(separator: "; "))
    }

    static func header(_ a: Scenario, _ b: Scenario, names: (a: String, b: String), _ comparison: PairedComparison) -> String {
        var html = "<header>\n<p class=\"kicker\">\(ToolInfo.name) comparison</p>\n"
        html += "<h1><span class=\"side-a\">\(HTMLText.escape(names.a))</span> vs <span class=\"side-b\">\(HTMLText.escape(names.b))</span></h1>\n"
        html += "<p class=\"intro\">B − A for every metric both report, over \(comparison.pairs) paired replications: "
        html += "replication r of each design ran with the same seed, so every named random stream drew the same numbers in both "
        html += "(common random numbers) and the noise they share cancels in the difference. A difference is marked when its 95% "
        html += "interval excludes zero.</p>\n<div class=\"sides\">\n"
        for (label, scenario) in [("A", a), ("B", b)] {
            html += "<div class=\"side\"><h3>\(label): \(HTMLText.escape(scenario.name))</h3>"
            let question = scenario.description.trimmingCharacters(in: .whitespacesAndNewlines)
            if !question.isEmpty { html += "<p>\(HTMLText.escape(question))</p>" }
            var facts: [(String, String)] = [
                ("variant", scenario.variant),
                ("duration", DurationText.format(scenario.duration)),
                ("warm-up", DurationText.format(scenario.warmup)),
                ("seed", String(scenario.seed)),
            ]
            if !scenario.file.isEmpty { facts.append(("file", scenario.file)) }
            html += "<ul class=\"facts\">"
            for (name, value) in facts {
                html += "<li><span class=\"fact-name\">\(HTMLText.escape(name))</span> \(HTMLText.escape(value))</li>"
            }
            html += "</ul></div>\n"
        }
        html += "</div>\n</header>\n"
        return html
    }

    // MARK: - Significant differences

    static func differences(_ comparison: PairedComparison, names: (a: String, b: String)) -> String {
        var html = "<section id=\"differences\">\n<h2>Significant differences</h2>\n"
        let significant = comparison.significant
        guard comparison.pairs >= 2 else {
            html += "<p>With one replication of each design there is no interval: run at least two (<code>--replications</code>).</p>\n</section>\n"
            return html
        }
        guard !significant.isEmpty else {
            html += "<p class=\"verdict-ok\">No metric differs significantly: every 95% interval of B − A contains zero "
            html += "(\(comparison.rows.count) metrics compared).</p>\n</section>\n"
            return html
        }
        let largest = significant.filter { $0.relativeDifference.isFinite }
            .sorted { abs($0.relativeDifference) > abs($1.relativeDifference) }
            .prefix(maximumCards)
        if !largest.isEmpty {
            html += "<div class=\"cards\">\n"
            for row in largest {
                let display = DisplayUnit.of(row.key.unit, magnitude: max(abs(row.a.mean), abs(row.b.mean)))
                html += "<div class=\"card\"><div class=\"card-label\">\(HTMLText.escape(ReportSections.label(of: row.key)))</div>"
                html += "<div class=\"card-value \(row.verdict.rawValue)\">\(HTMLText.escape(percent(row.relativeDifference)))</div>"
                html += "<div class=\"card-ci\">\(HTMLText.escape(display.format(row.a.mean))) → \(HTMLText.escape(display.format(row.b.mean)))</div></div>\n"
            }
            html += "</div>\n"
        }
        html += table(significant, names: names, caption: "\(significant.count) of \(comparison.rows.count) metrics differ (95% paired intervals)")
        html += "<p class=\"note\">At 95%, about one metric in twenty that does not really differ is marked anyway; "
        html += "a lone marked metric among many deserves more replications before a decision.</p>\n</section>\n"
        return html
    }

    static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "n/a" }
        let sign = fraction > 0 ? "+" : ""
        return sign + ReportNumber.format(fraction * 100, significant: 3) + " %"
    }

    static func table(_ rows: [PairedComparison.Row], names: (a: String, b: String), caption: String) -> String {
        var html = "<div class=\"table-wrap\"><table class=\"compare\"><caption>\(HTMLText.escape(caption))</caption>"
        // A and B only: the designs' full names are in the page's title, and a table must fit a phone.
        html += "<thead><tr><th scope=\"col\">Metric</th><th scope=\"col\" class=\"num\" title=\"\(HTMLText.escape(names.a))\">A</th>"
        html += "<th scope=\"col\" class=\"num\" title=\"\(HTMLText.escape(names.b))\">B</th><th scope=\"col\" class=\"num\">B − A (95% CI)</th>"
        html += "<th scope=\"col\" class=\"num\">Change</th><th scope=\"col\" class=\"center\">Verdict</th></tr></thead>\n<tbody>\n"
        var component = ""
        for row in rows {
            if row.key.component != component {
                component = row.key.component
                html += "<tr class=\"group\"><th colspan=\"6\" scope=\"rowgroup\">\(HTMLText.escape(component))</th></tr>\n"
            }
            let display = DisplayUnit.of(row.key.unit, magnitude: max(abs(row.a.mean), abs(row.b.mean)))
            // The CSV key as a tooltip keeps the table narrow enough for a phone.
            html += "<tr><td title=\"\(HTMLText.escape(row.key.description))\">\(HTMLText.escape(MetricLabel.humanize(row.key.metric)))</td>"
            html += "<td class=\"num\">\(HTMLText.escape(withInterval(row.a, display)))</td>"
            html += "<td class=\"num\">\(HTMLText.escape(withInterval(row.b, display)))</td>"
            html += "<td class=\"num\">\(HTMLText.escape(differenceText(row.difference, display)))</td>"
            html += "<td class=\"num\">\(HTMLText.escape(percent(row.relativeDifference)))</td>"
            html += "<td class=\"center \(row.verdict.rawValue)\">\(mark(row.verdict))</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        return html
    }

    static func withInterval(_ interval: ConfidenceInterval, _ display: DisplayUnit) -> String {
        guard interval.halfWidth.isFinite, interval.halfWidth > 0 else { return display.format(interval.mean) }
        return "\(display.number(interval.mean)) ± \(display.format(interval.halfWidth, significant: 2))"
    }

    static func differenceText(_ difference: ConfidenceInterval, _ display: DisplayUnit) -> String {
        guard difference.halfWidth.isFinite else { return display.format(difference.mean) }
        if difference.halfWidth == 0 { return display.format(difference.mean) }
        return "\(display.number(difference.mean)) [\(display.number(difference.lower)), \(display.number(difference.upper))]\(display.label.isEmpty ? "" : " " + display.label)"
    }

    static func mark(_ verdict: PairedComparison.Verdict) -> String {
        switch verdict {
        case .higher: return "<span title=\"B is higher\">▲ higher</span>"
        case .lower: return "<span title=\"B is lower\">▼ lower</span>"
        case .unchanged: return "<span class=\"muted\">–</span>"
        case .undetermined: return "<span class=\"muted\">n/a</span>"
        }
    }

    // MARK: - What differs in the scenarios

    static func changes(_ a: Scenario, _ b: Scenario) -> String {
        var html = "<section id=\"changes\">\n<h2>What differs in the scenarios</h2>\n"
        let shared = a.overrides.filter(b.overrides.contains)
        let overrides = [
            ("Overrides of both", shared),
            ("A overrides", a.overrides.filter { !shared.contains($0) }),
            ("B overrides", b.overrides.filter { !shared.contains($0) }),
        ]
        for (label, list) in overrides where !list.isEmpty {
            html += "<p>\(label): " + list.map { "<code>\(HTMLText.escape($0))</code>" }.joined(separator: " ") + "</p>\n"
        }
        if let diff = LineDiff(a.text, b.text) {
            if diff.hasChanges {
                html += "<p class=\"intro\">Lines only in A are marked −, lines only in B +.</p>\n<pre class=\"diff\">"
                for line in diff.lines {
                    switch line.kind {
                    case .same: html += "<span class=\"same\">  \(HTMLText.escape(line.text))</span>\n"
                    case .removed: html += "<span class=\"removed\">− \(HTMLText.escape(line.text))</span>\n"
                    case .added: html += "<span class=\"added\">+ \(HTMLText.escape(line.text))</span>\n"
                    case .skipped(let count): html += "<span class=\"skipped\">  … \(count) unchanged line\(count == 1 ? "" : "s")</span>\n"
                    }
                }
                html += "</pre>\n"
            } else {
                html += "<p>The two scenario files have the same text\(a.overrides.isEmpty && b.overrides.isEmpty ? ": the designs are the same" : "").</p>\n"
            }
        } else {
            html += "<p>The scenario files are too long to show their differences here.</p>\n"
        }
        html += "</section>\n"
        return html
    }

    // MARK: - Over time

    /// Each series both runs sample, A and B in one chart, for the series whose means differ
    /// somewhere; identical series are only counted.
    static func overTime(_ a: ReportData, _ b: ReportData, _ comparison: PairedComparison, names: (a: String, b: String)) -> String {
        var html = "<section id=\"over-time\">\n<h2>Over time</h2>\n"
        let markers = a.scenario.warmup.nanoseconds > 0
            ? [TimeMarker(start: 0, end: a.scenario.warmup.seconds, label: "warm-up", fill: "#eef0f3")] : []
        var charts: [String] = []
        var identical = 0
        var omitted: [String] = []
        for key in a.seriesKeys where b.hasSeries(key) {
            guard let bandA = a.band(key, limit: LineChart.maximumPoints), let bandB = b.band(key, limit: LineChart.maximumPoints) else { continue }
            guard bandA != bandB else {
                identical += 1
                continue
            }
            guard charts.count < maximumCharts else {
                omitted.append(key.description)
                continue
            }
            let chart = LineChart(title: ReportSections.label(of: key), caption: key.description, series: [
                LineSeries(key, label: "A: \(names.a)", colorIndex: 0, source: 0),
                LineSeries(key, label: "B: \(names.b)", dashed: true, colorIndex: 1, source: 1),
            ])
            if let rendered = chart.render([a, b], markers: markers) { charts.append(rendered) }
        }
        if charts.isEmpty {
            html += "<p>No series differs between the designs\(identical > 0 ? " (\(identical) identical)" : "").</p>\n"
        } else {
            html += charts.joined()
            if identical > 0 { html += "<p class=\"note\">\(identical) series identical in both designs are not drawn.</p>\n" }
            if !omitted.isEmpty { html += "<p class=\"note\">Not drawn (more than \(maximumCharts) charts): \(HTMLText.escape(omitted.joined(separator: "; "))).</p>\n" }
        }
        html += "</section>\n"
        return html
    }

    // MARK: - All metrics

    static func allMetrics(_ comparison: PairedComparison, names: (a: String, b: String)) -> String {
        var html = "<section id=\"all-metrics\">\n<h2>All compared metrics</h2>\n"
        html += "<details><summary>Every metric both designs report (\(comparison.rows.count) rows)</summary>\n"
        html += table(comparison.rows, names: names, caption: "B − A with 95% paired intervals")
        html += "</details>\n"
        for (label, keys) in [("Only in A", comparison.onlyInA), ("Only in B", comparison.onlyInB)] where !keys.isEmpty {
            html += "<p class=\"note\">\(label): \(HTMLText.escape(keys.map(\.description).joined(separator: "; ")))</p>\n"
        }
        html += "</section>\n"
        return html
    }

    static let stylesheet = """
        .side-a { color: #0072B2; }
        .side-b { color: #D55E00; }
        .sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 12px; margin: .6em 0; }
        .side { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; }
        .side h3 { margin: .3em 0; font-size: 1rem; overflow-wrap: anywhere; }
        .side p, .side li { margin: .3em 0; font-size: .9rem; overflow-wrap: anywhere; }
        .higher { color: #b45309; }
        .lower { color: #1d4ed8; }
        td.higher, td.lower { font-weight: 600; white-space: nowrap; }
        pre.diff { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 10px 12px; font-size: .78rem; line-height: 1.35; }
        pre.diff .removed { background: #fde8e8; display: block; }
        pre.diff .added { background: #e6f4ea; display: block; }
        pre.diff .same, pre.diff .skipped { color: var(--muted); display: block; }

        """
}
