import Scenario
import SimKernel

/// One metric against one swept parameter: the mean at each of the parameter's values with
/// its 95% confidence interval as a whisker, one line (or, for values that are not numbers,
/// one series of bars) per combination of the other parameters' values.
struct SweepChart {
    let results: SweepResults
    let metric: MetricKey
    /// The position of the swept parameter in the grid.
    let parameter: Int

    /// A line of the chart: the other parameters' values and, at each value of this
    /// parameter, the point's interval (nil where the point has no items or no such metric).
    private struct Line {
        var label: String
        var intervals: [ConfidenceInterval?]
    }

    func render() -> String? {
        let record = results.record
        let path = record.grid[parameter].path
        var lines = self.lines()
        guard lines.contains(where: { $0.intervals.contains { ($0?.mean ?? .nan).isFinite } }) else { return nil }
        let total = lines.count
        lines = Array(lines.prefix(LineChart.maximumSeries))
        let title = "\(MetricLabel.humanize(metric.metric)) of \(metric.component) by \(path)"
        var caption = "Mean across replications at each value of \(path)"
        let others = record.grid.indices.filter { $0 != parameter }.map { record.grid[$0].path }
        let axis = SweepAxis(record.grid[parameter].values)
        if !others.isEmpty { caption += "; one \(axis.positions == nil ? "colour" : "line") per value of \(others.joined(separator: ", "))" }
        if total > lines.count { caption += " (the first \(lines.count) of \(total) combinations)" }
        caption += "."
        guard let positions = axis.positions else {
            let series = lines.map { line in BarSeries(label: line.label, values: line.intervals.map { $0.map(BarValue.init) }) }
            return BarChart(
                title: title, caption: caption, unit: metric.unit, categories: axis.labels,
                series: series, categoryTitle: axis.title(path)
            ).render()
        }
        return plot(lines, axis: axis, positions: positions, title: title, caption: caption, xTitle: axis.title(path))
    }

    /// Lines are numbered by the other parameters' value indices in mixed radix, which is
    /// also the order in which points (in grid order) first reach them.
    private func lines() -> [Line] {
        let grid = results.record.grid
        let labels = grid.map { SweepAxis($0.values).labels }
        let others = grid.indices.filter { $0 != parameter }
        let count = others.reduce(1) { $0 * grid[$1].values.count }
        var lines = [Line](repeating: Line(label: "", intervals: Array(repeating: nil, count: grid[parameter].values.count)), count: count)
        for point in results.record.points.indices {
            let choices = results.record.choices(of: point)
            let line = others.reduce(0) { $0 * grid[$1].values.count + choices[$1] }
            if choices[parameter] == 0 {
                lines[line].label = others.map { "\(grid[$0].path)=\(labels[$0][choices[$0]])" }.joined(separator: ", ")
            }
            lines[line].intervals[choices[parameter]] = results.interval(metric, at: point)
        }
        return lines
    }

    private func plot(_ lines: [Line], axis: SweepAxis, positions: [Double], title: String, caption: String, xTitle: String) -> String {
        var largest = 0.0
        var smallest = 0.0
        for interval in lines.flatMap({ $0.intervals.compactMap { $0 } }) {
            for value in [interval.mean, interval.lower, interval.upper] where value.isFinite {
                largest = max(largest, value)
                smallest = min(smallest, value)
            }
        }
        let display = DisplayUnit.of(metric.unit, magnitude: max(abs(largest), abs(smallest)))
        var top = largest * 1.04
        // Ratios that stay within 100% get an axis that ends at 100%.
        if metric.unit == "ratio", largest <= 1 { top = min(top, 1) }
        let yAxis = ChartAxis(low: smallest * display.scale, high: top * display.scale)
        let xAxis = ChartAxis(low: positions.min()!, high: positions.max()!, targetTicks: axis.targetTicks, fromZero: false)
        func x(_ position: Double) -> Double { xAxis.position(position, from: ChartFrame.plotLeft, to: ChartFrame.plotRight) }
        func y(_ value: Double) -> Double { yAxis.position(value * display.scale, from: ChartFrame.plotBottom, to: ChartFrame.plotTop) }

        var svg = SVGBuilder(width: LineChart.width, height: LineChart.height, label: title)
        let yTitle = display.axisLabel.isEmpty ? MetricLabel.humanize(metric.unit) : display.axisLabel
        ChartFrame.draw(into: &svg, x: xAxis, y: yAxis, xTitle: xTitle, yTitle: yTitle)
        // Values in the order they lie along the axis, so lines never double back.
        let order = positions.indices.sorted { positions[$0] < positions[$1] }
        let values = results.record.grid[parameter].values
        var whiskers = false
        for (index, line) in lines.enumerated() {
            let color = ChartPalette.color(index)
            let dashed = ChartPalette.dashed(index)
            let label = line.label.isEmpty ? MetricLabel.humanize(metric.metric) : line.label
            let drawn = order.filter { (line.intervals[$0]?.mean ?? .nan).isFinite }
            if drawn.count > 1 {
                let path = drawn.enumerated().map { offset, value in
                    (offset == 0 ? "M" : "L") + "\(svg.c(x(positions[value]))),\(svg.c(y(line.intervals[value]!.mean)))"
                }.joined(separator: " ")
                svg.raw("<path class=\"line\(dashed ? " dashed" : "")\" stroke=\"\(color)\" d=\"\(path)\"><title>\(HTMLText.escape(label))</title></path>")
            }
            for value in drawn {
                let interval = line.intervals[value]!
                let center = x(positions[value])
                var tooltip = "\(results.record.grid[parameter].path)=\(values[value])"
                if !line.label.isEmpty { tooltip += ", \(line.label)" }
                tooltip += ": \(display.format(interval.mean))"
                if interval.halfWidth.isFinite, interval.halfWidth > 0 {
                    whiskers = true
                    tooltip += " (95% CI \(display.format(interval.lower)) to \(display.format(interval.upper)))"
                    let cap = 4.0
                    let style = " style=\"stroke:\(color)\""
                    for (x1, y1, x2, y2) in [
                        (center, y(interval.lower), center, y(interval.upper)),
                        (center - cap, y(interval.lower), center + cap, y(interval.lower)),
                        (center - cap, y(interval.upper), center + cap, y(interval.upper)),
                    ] {
                        svg.raw("<line class=\"whisker\"\(style) x1=\"\(svg.c(x1))\" y1=\"\(svg.c(y1))\" x2=\"\(svg.c(x2))\" y2=\"\(svg.c(y2))\"/>")
                    }
                }
                svg.raw("<circle cx=\"\(svg.c(center))\" cy=\"\(svg.c(y(interval.mean)))\" r=\"3\" fill=\"\(color)\"><title>\(HTMLText.escape(tooltip))</title></circle>")
            }
        }
        let legend = lines.count > 1
            ? lines.enumerated().map { LegendEntry(label: $0.element.label, color: ChartPalette.color($0.offset), dashed: ChartPalette.dashed($0.offset)) }
            : []
        var notes: [String] = []
        if whiskers {
            notes.append("Points: mean of the replications at that point; whiskers: 95% confidence interval of the mean.")
        } else if results.record.replications == 1 {
            notes.append("One replication per point: no confidence intervals.")
        }
        return ChartFigure.html(title: title, caption: caption, svg: svg.close(), legend: legend, notes: notes)
    }
}
