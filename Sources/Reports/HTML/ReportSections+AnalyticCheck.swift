import Foundation
import Scenario
import SimKernel

extension ReportSections {
    static func analyticCheck(_ data: ReportData, _ context: ReportContext) -> [String] {
        guard let network = data.scenario.network, !network.stations.isEmpty else { return [] }
        guard let rows = AnalyticCheck.rows(network) else {
            return ["<p>The traffic equations of this network have no solution (jobs can circulate forever), so no closed form applies.</p>\n"]
        }
        let bounded = rows.contains { $0.capacity != nil }
        var html = "<div class=\"table-wrap\"><table class=\"analytic\"><thead><tr><th scope=\"col\" rowspan=\"2\">Station</th><th scope=\"col\" rowspan=\"2\">Closed form</th><th scope=\"col\" rowspan=\"2\" class=\"num\">Arrivals</th>"
            + "<th scope=\"colgroup\" colspan=\"2\" class=\"center\">Utilization</th><th scope=\"colgroup\" colspan=\"2\" class=\"center\">Mean wait</th>"
        if bounded { html += "<th scope=\"colgroup\" colspan=\"2\" class=\"center\">Blocking</th>" }
        html += "</tr>\n<tr>" + String(repeating: "<th scope=\"col\" class=\"num\">formula</th><th scope=\"col\" class=\"num\">simulated</th>", count: bounded ? 3 : 2) + "</tr></thead>\n<tbody>\n"
        var notes: [String] = []
        for row in rows {
            let utilization = data.interval(row.component, "utilization", "ratio")
            let wait = data.interval(row.component, "wait_mean", "s")
            let waitDisplay = DisplayUnit.of("s", magnitude: max(abs(row.measures?.wait ?? 0), abs(wait?.mean ?? 0)))
            let percent = DisplayUnit.of("ratio", magnitude: 1)
            let (kind, formula) = splitModelName(row.modelName)
            html += "<tr><th scope=\"row\">\(HTMLText.escape(row.station))</th><td class=\"model\">\(HTMLText.escape(kind))"
            if !formula.isEmpty { html += "<br><span class=\"formula\">\(HTMLText.escape(formula))</span>" }
            html += "</td><td class=\"num\">\(HTMLText.escape(ReportNumber.format(row.arrivalRate))) /s</td>"
            html += "<td class=\"num\">\(HTMLText.escape(row.measures.map { percent.format($0.utilization) } ?? percent.format(row.offeredUtilization) + " offered"))</td>"
            html += simulatedCell(utilization, theory: row.measures?.utilization, exact: row.exact, display: percent)
            html += "<td class=\"num\">\(HTMLText.escape(row.measures.map { waitDisplay.format($0.wait) } ?? "–"))</td>"
            html += simulatedCell(wait, theory: row.measures?.wait, exact: row.exact, display: waitDisplay)
            if bounded {
                let blocking = data.interval(row.component, "blocking_probability", "ratio")
                if row.capacity != nil {
                    html += "<td class=\"num\">\(HTMLText.escape(row.measures.map { percent.format($0.blocking) } ?? "–"))</td>"
                    html += simulatedCell(blocking, theory: row.measures?.blocking, exact: row.exact, display: percent)
                } else {
                    html += "<td class=\"num\">–</td><td class=\"num\">–</td>"
                }
            }
            html += "</tr>\n"
            if let note = row.note { notes.append("\(row.station): \(note).") }
        }
        html += "</tbody></table></div>\n"
        var blocks = [html]
        blocks.append("<p class=\"note\">✓ the 95% interval contains the formula's value; ≈ within 5% of it; otherwise the relative difference. Erlang C, Pollaczek-Khinchine and the M/M/c/K birth-death chain are exact for their queues (in a network of exponential stations, by Jackson's theorem); Allen-Cunneen is an approximation, where 10–20% is usual.</p>\n")
        for note in notes { blocks.append("<p class=\"note\">\(HTMLText.escape(note))</p>\n") }
        if let little = networkResponse(data, network: network, rows: rows) { blocks.append(little) }
        return blocks
    }

    /// "M/M/1" and "Erlang C" from "M/M/1 (Erlang C)".
    static func splitModelName(_ name: String) -> (String, String) {
        guard let open = name.firstIndex(of: "("), name.hasSuffix(")") else { return (name, "") }
        let kind = name[..<open].trimmingCharacters(in: .whitespaces)
        let formula = name[name.index(after: open)..<name.index(before: name.endIndex)]
        return (kind, String(formula))
    }

    /// The simulated mean ± the half-width of its interval, and how it compares with the formula.
    static func simulatedCell(_ interval: ConfidenceInterval?, theory: Double?, exact: Bool, display: DisplayUnit) -> String {
        guard let interval, !interval.mean.isNaN else { return "<td class=\"num\">–</td>" }
        var text = ReportNumber.format(interval.mean * display.scale)
        if interval.halfWidth.isFinite {
            text += " ± " + ReportNumber.format(interval.halfWidth * display.scale, significant: 2)
        }
        if !display.label.isEmpty { text += " " + display.label }
        guard let theory, theory.isFinite else { return "<td class=\"num\">\(HTMLText.escape(text))</td>" }
        let (mark, kind) = verdict(interval, theory: theory, exact: exact)
        return "<td class=\"num\">\(HTMLText.escape(text)) <span class=\"verdict-\(kind)\">\(HTMLText.escape(mark))</span></td>"
    }

    static func verdict(_ interval: ConfidenceInterval, theory: Double, exact: Bool) -> (String, String) {
        if interval.halfWidth.isFinite && interval.contains(theory) { return ("✓", "ok") }
        let scale = max(abs(theory), 1e-12)
        let relative = (interval.mean - theory) / scale
        if abs(interval.mean - theory) <= 1e-9 || abs(relative) <= 0.05 { return ("≈", "ok") }
        let text = (relative > 0 ? "+" : "−") + ReportNumber.format(abs(relative) * 100, significant: 2) + "%"
        let limit = exact ? 0.15 : 0.25
        return (text, abs(relative) <= limit ? "warn" : "bad")
    }

    /// The mean time in the network by Little's law over the stations' formulas, beside the
    /// simulated mean response, when every station has an exact, unbounded formula.
    static func networkResponse(_ data: ReportData, network: NetworkConfiguration, rows: [AnalyticCheck.Row]) -> String? {
        guard rows.allSatisfy({ $0.exact && $0.capacity == nil && $0.measures != nil }),
              let simulated = data.interval("network", "response_mean", "s") else { return nil }
        let external = network.sources.reduce(0.0) { $0 + 1 / $1.interarrival.mean }
        guard external > 0 else { return nil }
        let inNetwork = rows.reduce(0.0) { $0 + $1.arrivalRate * ($1.measures?.sojourn ?? .nan) }
        let response = inNetwork / external
        guard response.isFinite else { return nil }
        let display = DisplayUnit.of("s", magnitude: response)
        let (mark, kind) = verdict(simulated, theory: response, exact: true)
        var text = "Mean time in the network by Little's law over the stations: \(display.format(response)); simulated \(display.format(simulated.mean))"
        if simulated.halfWidth.isFinite { text += " (95% CI \(FigureTable.intervalText(simulated, display)))" }
        return "<p>\(HTMLText.escape(text)) <span class=\"verdict-\(kind)\">\(HTMLText.escape(mark))</span></p>\n"
    }
}
