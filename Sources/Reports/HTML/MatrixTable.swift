import SimKernel

/// A comparison table: one row per component (cluster, service ...), one column per metric,
/// each cell the mean with its 95% half-width. Columns absent for every row are left out.
struct MatrixTable {
    struct Column {
        var title: String
        var metric: String
        var unit: String

        init(_ title: String, _ metric: String, _ unit: String) {
            self.title = title
            self.metric = metric
            self.unit = unit
        }
    }

    var rowTitle: String
    /// (label, component) per row.
    var rows: [(label: String, component: String)]
    var columns: [Column]
    /// Leave out columns that are zero in every row (they are named below the table).
    var dropZeroColumns = true

    func render(_ data: ReportData) -> String? {
        var present = columns.filter { column in
            rows.contains { data.has(MetricKey($0.component, column.metric, column.unit)) }
        }
        var zero: [String] = []
        if dropZeroColumns {
            let isZero = { (column: Column) in
                rows.allSatisfy { row in
                    guard let interval = data.interval(MetricKey(row.component, column.metric, column.unit)) else { return true }
                    return interval.mean == 0 && (interval.maximum == 0 || interval.maximum.isNaN)
                }
            }
            zero = present.filter(isZero).map(\.title)
            present = present.filter { !isZero($0) }
        }
        guard !present.isEmpty, !rows.isEmpty else { return nil }
        // One display unit per column, from its largest mean, so a column reads in one unit.
        let displays = present.map { column -> DisplayUnit in
            let largest = rows.compactMap { data.interval(MetricKey($0.component, column.metric, column.unit))?.mean }
                .filter(\.isFinite).map(abs).max() ?? 0
            return DisplayUnit.of(column.unit, magnitude: largest)
        }
        var html = "<div class=\"table-wrap\"><table class=\"matrix\"><thead><tr><th scope=\"col\">\(HTMLText.escape(rowTitle))</th>"
        for (column, display) in zip(present, displays) {
            let unit = display.label.isEmpty ? "" : " (\(display.label))"
            html += "<th scope=\"col\" class=\"num\">\(HTMLText.escape(column.title + unit))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr><th scope=\"row\">\(HTMLText.escape(row.label))</th>"
            for (column, display) in zip(present, displays) {
                guard let interval = data.interval(MetricKey(row.component, column.metric, column.unit)) else {
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
        html += "</tbody></table></div>\n<p class=\"note\">Cells: mean ± half-width of the 95% confidence interval across replications."
        if !zero.isEmpty { html += " Zero in every row, not shown: \(HTMLText.escape(zero.joined(separator: ", ")))." }
        html += "</p>\n"
        return html
    }
}
