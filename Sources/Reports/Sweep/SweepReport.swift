import Foundation
import Scenario
import SimKernel

/// `sweep.html`: one self-contained page (inline CSS and SVG, no script, no external
/// resource, every scenario string escaped) with each charted metric against each swept
/// parameter and a table of the points. A function of `SweepResults` alone, so a merge of
/// shards writes the same bytes as the whole sweep.
enum SweepReport {
    /// Rows of the points table; the rest are in sweep.csv.
    static let pointRowLimit = 2000

    static func render(_ results: SweepResults) -> String {
        let record = results.record
        let metrics = record.metrics.map(metricKey)
        var sections: [(id: String, title: String, body: String)] = []
        sections.append(("grid", "Grid", grid(record)))
        for (index, metric) in metrics.enumerated() {
            var body = ""
            for parameter in record.grid.indices where record.grid[parameter].values.count > 1 {
                body += SweepChart(results: results, metric: metric, parameter: parameter).render() ?? ""
            }
            if body.isEmpty { body = "<p class=\"note\">No point in this directory has a value of this metric.</p>\n" }
            let title = "\(MetricLabel.humanize(metric.metric)) of \(metric.component)"
            sections.append(("metric-\(index + 1)-\(HTMLText.slug(metric.description))", title, body))
        }
        sections.append(("points", "Points", pointsTable(results, metrics)))

        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<meta name=\"generator\" content=\"\(ToolInfo.name) \(ToolInfo.version)\">\n"
        html += "<title>\(HTMLText.escape(record.scenario.name)) · \(ToolInfo.name) sweep</title>\n"
        html += "<style>\n\(HTMLReport.stylesheet)</style>\n</head>\n<body>\n"
        html += header(results)
        html += "<nav class=\"toc\" aria-label=\"Sections\">"
        html += sections.map { "<a href=\"#\($0.id)\">\(HTMLText.escape($0.title))</a>" }.joined(separator: " · ") + "</nav>\n"
        for section in sections {
            html += "<section id=\"\(section.id)\">\n<h2>\(HTMLText.escape(section.title))</h2>\n\(section.body)</section>\n"
        }
        html += "<footer><p>Written by \(ToolInfo.name) \(ToolInfo.version). Every figure is computed from the replications of this sweep; "
        html += "sweep.csv and sweep-replications.csv beside this file hold the same numbers unrounded.</p></footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    private static func metricKey(_ text: String) -> MetricKey {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return parts.count == 3 ? MetricKey(parts[0], parts[1], parts[2]) : MetricKey(text, "", "")
    }

    private static func header(_ results: SweepResults) -> String {
        let record = results.record
        let scenario = record.scenario
        var html = HTMLReport.opening("sweep", name: scenario.name, description: scenario.description)
        var facts: [(String, String)] = [
            ("points", String(record.points.count)),
            ("parameters", String(record.grid.count)),
            ("replications per point", String(record.replications)),
            ("seed", String(record.seed)),
            ("events", ReportNumber.grouped(String(record.events))),
            ("variant", scenario.variant),
            ("file", scenario.file),
        ]
        if let shard = record.shard {
            facts.insert(("shard", "\(shard.index)/\(shard.count): \(record.items.count) of \(record.itemsTotal) runs"), at: 0)
        }
        html += "<ul class=\"facts\">"
        for (name, value) in facts {
            html += "<li><span class=\"fact-name\">\(HTMLText.escape(name))</span> \(HTMLText.escape(value))</li>"
        }
        html += "</ul>\n"
        if let shard = record.shard {
            html += "<p class=\"warnings\">This is shard \(shard.index) of \(shard.count), a part of the sweep: its figures use only the replications it ran. "
            html += "<code>rehearse merge</code> joins the shards into the whole sweep.</p>\n"
        }
        let warnings = self.warnings(record)
        if !warnings.isEmpty {
            html += "<ul class=\"warnings\">"
            for warning in warnings { html += "<li>\(HTMLText.escape(warning))</li>" }
            html += "</ul>\n"
        }
        html += "<details class=\"scenario\"><summary>Scenario parameters (YAML\(scenario.overrides.isEmpty ? "" : ", before the overrides of the variant"))</summary>\n"
        html += "<pre>\(HTMLText.escape(scenario.text))</pre>\n</details>\n</header>\n"
        return html
    }

    /// Each distinct warning once, with the points that have it.
    private static func warnings(_ record: SweepRecord) -> [String] {
        var texts: [String] = []
        var points: [[Int]] = []
        for point in record.points {
            for warning in point.warnings {
                if let index = texts.firstIndex(of: warning) {
                    points[index].append(point.point)
                } else {
                    texts.append(warning)
                    points.append([point.point])
                }
            }
        }
        return zip(texts, points).map { text, holders in
            if holders.count == record.points.count { return "\(text) (every point)" }
            let listed = holders.prefix(12).map(String.init).joined(separator: ", ")
            return "\(text) (point\(holders.count == 1 ? "" : "s") \(listed)\(holders.count > 12 ? ", …" : ""))"
        }
    }

    private static func grid(_ record: SweepRecord) -> String {
        var html = "<p class=\"intro\">Each point is the scenario with one value of each parameter, set as <code>--set PATH=VALUE</code> would set it. "
        html += "Points are numbered with the first parameter varying slowest. Every point runs the same \(record.replications) replication\(record.replications == 1 ? "" : "s") "
        html += "with the same seeds and named random streams (common random numbers), so differences between points are differences of the model, not of its random numbers.</p>\n"
        html += "<div class=\"table-wrap\"><table class=\"grid-parameters\"><thead><tr><th scope=\"col\">Parameter</th><th scope=\"col\">Values</th></tr></thead>\n<tbody>\n"
        for parameter in record.grid {
            html += "<tr><td class=\"key\">\(HTMLText.escape(parameter.path))</td><td>\(HTMLText.escape(parameter.values.joined(separator: " · ")))</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        return html
    }

    /// One row per point with items: its parameter values and each charted metric's mean
    /// with its 95% half-width.
    private static func pointsTable(_ results: SweepResults, _ metrics: [MetricKey]) -> String {
        let record = results.record
        let displays = metrics.map { metric -> DisplayUnit in
            let largest = results.points.compactMap { results.interval(metric, at: $0.point)?.mean }.filter(\.isFinite).map(abs).max() ?? 0
            return DisplayUnit.of(metric.unit, magnitude: largest)
        }
        var html = ""
        if metrics.isEmpty {
            html += "<p class=\"note\">No metrics are charted: name them under <code>sweep.metrics</code> as component,metric,unit (the keys of sweep.csv). "
            html += "Every metric of every point is in sweep.csv.</p>\n"
        }
        html += "<div class=\"table-wrap\"><table class=\"points\"><thead><tr><th scope=\"col\" class=\"num\">Point</th>"
        for parameter in record.grid { html += "<th scope=\"col\">\(HTMLText.escape(parameter.path))</th>" }
        for (metric, display) in zip(metrics, displays) {
            let unit = display.label.isEmpty ? "" : " (\(display.label))"
            html += "<th scope=\"col\" class=\"num\">\(HTMLText.escape("\(MetricLabel.humanize(metric.metric)) of \(metric.component)\(unit)"))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for summary in results.points.prefix(pointRowLimit) {
            html += "<tr><td class=\"num\">\(summary.point)</td>"
            for value in record.points[summary.point].values { html += "<td>\(HTMLText.escape(value))</td>" }
            for (metric, display) in zip(metrics, displays) {
                guard let interval = results.interval(metric, at: summary.point), !interval.mean.isNaN else {
                    html += "<td class=\"num\">–</td>"
                    continue
                }
                var cell = display.number(interval.mean)
                if interval.halfWidth.isFinite, interval.halfWidth > 0 {
                    cell += " ± " + ReportNumber.format(interval.halfWidth * display.scale, significant: 2)
                }
                html += "<td class=\"num\">\(HTMLText.escape(cell))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody></table></div>\n"
        var note = metrics.isEmpty ? "" : "Cells: mean ± half-width of the 95% confidence interval across replications."
        if results.points.count > pointRowLimit {
            note += " \(results.points.count - pointRowLimit) more points are in sweep.csv."
        }
        if !note.isEmpty { html += "<p class=\"note\">\(note.trimmingCharacters(in: .whitespaces))</p>\n" }
        return html
    }
}
