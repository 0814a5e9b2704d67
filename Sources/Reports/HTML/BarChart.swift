import SimKernel

/// A bar's value: the mean and, when known, its 95% interval (drawn as a whisker).
struct BarValue {
    var mean: Double
    var low: Double = .nan
    var high: Double = .nan

    init(mean: Double, low: Double = .nan, high: Double = .nan) {
        self.mean = mean
        self.low = low
        self.high = high
    }

    init(_ interval: ConfidenceInterval) {
        mean = interval.mean
        low = interval.lower
        high = interval.upper
    }
}

/// One series of bars: a value per category (nil where the category has none).
struct BarSeries {
    var label: String
    var values: [BarValue?]
}

/// Grouped vertical bars: categories along the x axis, one bar per series in each, with
/// 95% whiskers where there are several replications.
struct BarChart {
    static let width = 720.0
    static let left = 66.0
    static let right = 24.0
    static let top = 14.0
    static let plotHeight = 220.0

    var title: String
    var caption: String?
    var unit: String
    var categories: [String]
    var series: [BarSeries]
    /// A horizontal reference line, such as an even share.
    var reference: (value: Double, label: String)?
    /// Title of the category axis.
    var categoryTitle: String?

    /// Bars straight from metric keys: `keys[s][c]` is series `s` in category `c`.
    init(title: String, caption: String? = nil, categories: [String], series: [(label: String, keys: [MetricKey?])], data: ReportData, categoryTitle: String? = nil) {
        self.title = title
        self.caption = caption
        self.categories = categories
        self.categoryTitle = categoryTitle
        var unit: String?
        self.series = series.map { item in
            BarSeries(label: item.label, values: item.keys.map { key in
                guard let key, let interval = data.interval(key), !interval.mean.isNaN else { return nil }
                if unit == nil { unit = key.unit }
                return BarValue(interval)
            })
        }
        self.unit = unit ?? ""
    }

    init(title: String, caption: String? = nil, unit: String, categories: [String], series: [BarSeries], reference: (value: Double, label: String)? = nil, categoryTitle: String? = nil) {
        self.title = title
        self.caption = caption
        self.unit = unit
        self.categories = categories
        self.series = series
        self.reference = reference
        self.categoryTitle = categoryTitle
    }

    /// True when at least one bar has a value.
    var hasValues: Bool { series.contains { $0.values.contains { $0 != nil } } }

    func render() -> String? {
        guard hasValues, !categories.isEmpty else { return nil }
        var largest = 0.0
        var smallest = 0.0
        for item in series {
            for value in item.values.compactMap({ $0 }) {
                for v in [value.mean, value.high, value.low] where v.isFinite {
                    largest = max(largest, v)
                    smallest = min(smallest, v)
                }
            }
        }
        if let reference { largest = max(largest, reference.value) }
        let display = DisplayUnit.of(unit, magnitude: max(abs(largest), abs(smallest)))
        var top = largest * 1.06
        // Ratios that stay within 100% get an axis that ends at 100%.
        if unit == "ratio", largest <= 1 { top = min(top, 1) }
        let axis = ChartAxis(low: smallest * display.scale, high: top * display.scale)

        let longest = categories.map(\.count).max() ?? 0
        let slot = (BarChart.width - BarChart.left - BarChart.right) / Double(categories.count)
        // At most about 40 category labels: with more, every n-th.
        let labelEvery = max(1, (categories.count + 39) / 40)
        let rotated = Double(min(longest, 24)) * 6.2 > slot * Double(labelEvery) - 4
        let labelSpace = rotated ? min(Double(min(longest, 24)) * 4.6 + 18, 130) : 22
        let height = BarChart.top + BarChart.plotHeight + labelSpace + (categoryTitle == nil ? 6 : 20)
        let plotLeft = BarChart.left
        let plotRight = BarChart.width - BarChart.right
        let plotTop = BarChart.top
        let plotBottom = BarChart.top + BarChart.plotHeight
        func y(_ value: Double) -> Double { axis.position(value * display.scale, from: plotBottom, to: plotTop) }

        var svg = SVGBuilder(width: BarChart.width, height: height, label: title)
        for tick in axis.ticks {
            let position = axis.position(tick, from: plotBottom, to: plotTop)
            svg.line(plotLeft, position, plotRight, position, className: tick == 0 ? "axis" : "grid")
            svg.textElement(plotLeft - 6, position + 3.5, axis.label(tick), anchor: "end")
        }
        svg.line(plotLeft, plotTop, plotLeft, plotBottom, className: "axis")
        let yTitle = display.axisLabel.isEmpty ? MetricLabel.humanize(unit) : display.axisLabel
        svg.textElement(14, (plotTop + plotBottom) / 2, yTitle, className: "axis-title", rotate: -90)

        let groupWidth = slot * 0.8
        let barWidth = groupWidth / Double(max(series.count, 1))
        let showValues = categories.count * series.count <= 16
        for (categoryIndex, category) in categories.enumerated() {
            let groupLeft = plotLeft + slot * Double(categoryIndex) + (slot - groupWidth) / 2
            for (seriesIndex, item) in series.enumerated() {
                guard categoryIndex < item.values.count, let value = item.values[categoryIndex], value.mean.isFinite else { continue }
                let color = ChartPalette.color(seriesIndex)
                let barLeft = groupLeft + barWidth * Double(seriesIndex)
                let top = min(y(value.mean), y(0))
                let barHeight = abs(y(value.mean) - y(0))
                var tooltip = "\(category) · \(item.label): \(display.format(value.mean))"
                let whisker = value.low.isFinite && value.high.isFinite && value.high > value.low
                if whisker { tooltip += " (95% CI \(display.format(value.low)) to \(display.format(value.high)))" }
                svg.raw("<rect class=\"bar\" x=\"\(svg.c(barLeft + barWidth * 0.06))\" y=\"\(svg.c(top))\" width=\"\(svg.c(barWidth * 0.88))\" height=\"\(svg.c(max(barHeight, 0.5)))\" fill=\"\(color)\"><title>\(HTMLText.escape(tooltip))</title></rect>")
                let center = barLeft + barWidth / 2
                if whisker {
                    let cap = min(barWidth * 0.25, 6)
                    svg.line(center, y(value.low), center, y(value.high), className: "whisker")
                    svg.line(center - cap, y(value.low), center + cap, y(value.low), className: "whisker")
                    svg.line(center - cap, y(value.high), center + cap, y(value.high), className: "whisker")
                }
                if showValues {
                    let labelTop = whisker ? min(y(value.high), top) : top
                    svg.textElement(center, labelTop - 4, ReportNumber.format(value.mean * display.scale, significant: 3), className: "value")
                }
            }
            guard categoryIndex % labelEvery == 0 else { continue }
            let label = category.count > 24 ? String(category.prefix(23)) + "…" : category
            let center = plotLeft + slot * (Double(categoryIndex) + 0.5)
            if rotated {
                svg.textElement(center + 3, plotBottom + 12, label, anchor: "end", rotate: -40)
            } else {
                svg.textElement(center, plotBottom + 15, label)
            }
        }
        svg.line(plotLeft, y(0), plotRight, y(0), className: "axis")
        if let reference {
            let position = y(reference.value)
            svg.raw("<line class=\"reference\" x1=\"\(svg.c(plotLeft))\" y1=\"\(svg.c(position))\" x2=\"\(svg.c(plotRight))\" y2=\"\(svg.c(position))\"><title>\(HTMLText.escape(reference.label))</title></line>")
        }
        if let categoryTitle {
            svg.textElement((plotLeft + plotRight) / 2, height - 5, categoryTitle, className: "axis-title")
        }
        var legend = series.count > 1
            ? series.enumerated().map { LegendEntry(label: $0.element.label, color: ChartPalette.color($0.offset), box: true) }
            : []
        if let reference {
            legend.append(LegendEntry(label: "\(reference.label) (\(display.format(reference.value, significant: 3)))", color: "#6b7280", dashed: true))
        }
        var notes: [String] = []
        if series.contains(where: { $0.values.contains { ($0?.high ?? .nan).isFinite } }) {
            notes.append("Whiskers: 95% confidence interval of the mean across replications.")
        }
        return ChartFigure.html(title: title, caption: caption, svg: svg.close(), legend: legend, notes: notes)
    }
}
