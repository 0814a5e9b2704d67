import SimKernel

/// A row of a figures table: a label and the metric it shows.
struct FigureRow {
    var label: String
    var key: MetricKey

    init(_ label: String, _ key: MetricKey) {
        self.label = label
        self.key = key
    }
}

/// Rows under a heading, such as one service's figures.
struct FigureGroup {
    var title: String
    var rows: [FigureRow]
}

/// Tables of summary figures: mean, 95% interval, range across replications, CSV key.
enum FigureTable {
    /// Groups with their rows present in the summary; nil when none is.
    static func html(_ groups: [FigureGroup], data: ReportData, caption: String? = nil) -> String? {
        var body = ""
        for group in groups {
            let rows = group.rows.filter { data.has($0.key) }
            guard !rows.isEmpty else { continue }
            if !group.title.isEmpty {
                body += "<tr class=\"group\"><th colspan=\"5\" scope=\"rowgroup\">\(HTMLText.escape(group.title))</th></tr>\n"
            }
            for row in rows {
                guard let interval = data.interval(row.key) else { continue }
                body += self.row(label: row.label, key: row.key, interval: interval)
            }
        }
        guard !body.isEmpty else { return nil }
        var html = "<div class=\"table-wrap\"><table class=\"figures\">"
        if let caption { html += "<caption>\(HTMLText.escape(caption))</caption>" }
        html += "<thead><tr><th scope=\"col\">Metric</th><th scope=\"col\" class=\"num\">Mean</th><th scope=\"col\" class=\"num\">95% CI</th><th scope=\"col\" class=\"num\">Min – max</th><th scope=\"col\" class=\"key\">CSV key</th></tr></thead>\n<tbody>\n"
        html += body
        html += "</tbody></table></div>\n"
        return html
    }

    static func row(label: String, key: MetricKey, interval: ConfidenceInterval) -> String {
        let display = DisplayUnit.of(key.unit, magnitude: abs(interval.mean))
        return "<tr><td>\(HTMLText.escape(label))</td><td class=\"num\">\(HTMLText.escape(display.format(interval.mean)))</td>"
            + "<td class=\"num\">\(HTMLText.escape(intervalText(interval, display)))</td>"
            + "<td class=\"num\">\(HTMLText.escape(rangeText(interval, display)))</td>"
            + "<td class=\"key\">\(HTMLText.escape(key.description))</td></tr>\n"
    }

    /// "a to b" in the display unit, or a dash with fewer than two replications.
    static func intervalText(_ interval: ConfidenceInterval, _ display: DisplayUnit) -> String {
        guard interval.halfWidth.isFinite else { return "–" }
        if interval.halfWidth == 0 { return "± 0" }
        return "\(ReportNumber.format(interval.lower * display.scale)) to \(ReportNumber.format(interval.upper * display.scale))"
    }

    static func rangeText(_ interval: ConfidenceInterval, _ display: DisplayUnit) -> String {
        guard interval.count > 1, interval.minimum.isFinite else { return "–" }
        return "\(ReportNumber.format(interval.minimum * display.scale)) – \(ReportNumber.format(interval.maximum * display.scale))"
    }

    /// Every metric of the summary, in order, up to `limit` rows.
    static func all(_ data: ReportData, limit: Int) -> String? {
        guard !data.summary.rows.isEmpty else { return nil }
        var html = "<div class=\"table-wrap\"><table class=\"all-metrics\"><thead><tr><th scope=\"col\">Component</th><th scope=\"col\">Metric</th><th scope=\"col\" class=\"num\">Mean</th><th scope=\"col\" class=\"num\">95% CI</th><th scope=\"col\" class=\"num\">Min – max</th></tr></thead>\n<tbody>\n"
        for row in data.summary.rows.prefix(limit) {
            let interval = row.interval
            let display = DisplayUnit.of(row.key.unit, magnitude: abs(interval.mean))
            html += "<tr><td class=\"key\">\(HTMLText.escape(row.key.component))</td><td class=\"key\">\(HTMLText.escape(row.key.metric)) (\(HTMLText.escape(row.key.unit)))</td>"
                + "<td class=\"num\">\(HTMLText.escape(display.format(interval.mean)))</td>"
                + "<td class=\"num\">\(HTMLText.escape(intervalText(interval, display)))</td>"
                + "<td class=\"num\">\(HTMLText.escape(rangeText(interval, display)))</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        if data.summary.rows.count > limit {
            html += "<p class=\"note\">\(data.summary.rows.count - limit) more rows are in summary.csv.</p>\n"
        }
        return html
    }
}

/// Headline numbers as cards: a value, its interval, what it is.
enum KeyFigureCards {
    static func html(_ rows: [FigureRow], data: ReportData) -> String? {
        var cards = ""
        for row in rows {
            guard let interval = data.interval(row.key), !interval.mean.isNaN else { continue }
            let display = DisplayUnit.of(row.key.unit, magnitude: abs(interval.mean))
            let ci = interval.halfWidth.isFinite
                ? "95% CI \(FigureTable.intervalText(interval, display))\(display.label.isEmpty ? "" : " " + display.label)"
                : "one replication: no interval"
            cards += "<div class=\"card\"><div class=\"card-label\">\(HTMLText.escape(row.label))</div>"
                + "<div class=\"card-value\">\(HTMLText.escape(display.format(interval.mean)))</div>"
                + "<div class=\"card-ci\">\(HTMLText.escape(ci))</div></div>\n"
        }
        return cards.isEmpty ? nil : "<div class=\"cards\">\n\(cards)</div>\n"
    }
}
