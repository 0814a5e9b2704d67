import SimKernel

/// One line of a time chart: a series key and how it is labelled.
struct LineSeries {
    var key: MetricKey
    var label: String
    /// Dashed lines for a second view of the same component (its maximum beside its mean).
    var dashed = false
    /// The palette colour; by default the series' position in the chart.
    var colorIndex: Int?
    /// Which of the chart's runs the series comes from (a comparison draws two).
    var source = 0

    init(_ key: MetricKey, label: String? = nil, dashed: Bool = false, colorIndex: Int? = nil, source: Int = 0) {
        self.key = key
        self.label = label ?? "\(key.component) \(MetricLabel.humanize(key.metric))"
        self.dashed = dashed
        self.colorIndex = colorIndex
        self.source = source
    }
}

/// A chart of series over simulated time: for each series the mean across replications as
/// a line and the replications' range as a band. Series that are absent are left out; with
/// none left there is no chart.
struct LineChart {
    static let width = 720.0
    static let height = 290.0
    static let left = 66.0
    static let right = 24.0
    static let top = 14.0
    static let bottom = 44.0
    /// Points per series after downsampling: enough for the eye, small for long runs.
    static let maximumPoints = 300
    /// Series per chart; more would be unreadable (the rest are named below the chart).
    static let maximumSeries = 12

    var title: String
    var caption: String?
    var series: [LineSeries]
    /// Leave the chart out when every value of every series is zero or undefined.
    var skipIfAllZero = false
    /// Leave out the series that stay at zero (they are named below the chart).
    var dropZeroSeries = false

    init(title: String, caption: String? = nil, series: [LineSeries], skipIfAllZero: Bool = false, dropZeroSeries: Bool = false) {
        self.title = title
        self.caption = caption
        self.series = series
        self.skipIfAllZero = skipIfAllZero
        self.dropZeroSeries = dropZeroSeries
    }

    func render(_ data: ReportData, markers: [TimeMarker]) -> String? {
        render([data], markers: markers)
    }

    /// The chart of series from several runs of the same span, such as the two sides of a
    /// comparison; the first run sets the time axis.
    func render(_ sources: [ReportData], markers: [TimeMarker]) -> String? {
        let data = sources[0]
        var drawn: [(series: LineSeries, band: SeriesBand, color: Int)] = []
        var unit: String?
        for (index, line) in series.enumerated() {
            guard let band = sources[line.source].band(line.key, limit: LineChart.maximumPoints) else { continue }
            if let unit, unit != line.key.unit { continue }
            unit = line.key.unit
            drawn.append((line, band, line.colorIndex ?? index))
        }
        guard let unit, drawn.contains(where: { $0.band.mean.contains { $0.isFinite } }) else { return nil }
        if skipIfAllZero, !drawn.contains(where: { $0.band.hasNonZero }) { return nil }
        var zero: [String] = []
        if dropZeroSeries, drawn.contains(where: { $0.band.hasNonZero }) {
            zero = drawn.filter { !$0.band.hasNonZero }.map(\.series.label)
            drawn = drawn.filter { $0.band.hasNonZero }
        }
        let omitted = drawn.count > LineChart.maximumSeries ? drawn[LineChart.maximumSeries...].map(\.series.label) : []
        drawn = Array(drawn.prefix(LineChart.maximumSeries))

        var largest = 0.0
        var smallest = 0.0
        for item in drawn {
            for value in item.band.high + item.band.mean where value.isFinite { largest = max(largest, abs(value)) }
            for value in item.band.low + item.band.mean where value.isFinite { smallest = min(smallest, value) }
        }
        let display = DisplayUnit.of(unit, magnitude: largest)
        var highest = -Double.infinity
        for item in drawn {
            for value in item.band.high + item.band.mean where value.isFinite { highest = max(highest, value) }
        }
        var top = (highest.isFinite ? highest : 1) * 1.04
        // Ratios that stay within 100% get an axis that ends at 100%.
        if unit == "ratio", highest <= 1 { top = min(top, 1) }
        let yAxis = ChartAxis(low: smallest * display.scale, high: top * display.scale)
        let span = sources.map(\.durationSeconds).max() ?? data.durationSeconds
        let time = TimeUnit.forSpan(span)
        let xAxis = ChartAxis(low: 0, high: span / time.seconds, targetTicks: 8)

        let plotLeft = LineChart.left
        let plotRight = LineChart.width - LineChart.right
        let plotTop = LineChart.top
        let plotBottom = LineChart.height - LineChart.bottom
        func x(_ seconds: Double) -> Double { xAxis.position(seconds / time.seconds, from: plotLeft, to: plotRight) }
        func y(_ value: Double) -> Double { yAxis.position(value * display.scale, from: plotBottom, to: plotTop) }

        var svg = SVGBuilder(width: LineChart.width, height: LineChart.height, label: title)
        // Shaded spans first, under everything else.
        for marker in markers {
            let start = max(0, min(marker.start, span))
            let end = max(start, min(marker.end, span))
            guard end > start else { continue }
            svg.raw("<rect class=\"marker\" x=\"\(svg.c(x(start)))\" y=\"\(svg.c(plotTop))\" width=\"\(svg.c(x(end) - x(start)))\" height=\"\(svg.c(plotBottom - plotTop))\" fill=\"\(marker.fill)\"><title>\(HTMLText.escape(marker.label))</title></rect>")
            svg.textElement(x(start) + 3, plotTop + 10, marker.label, anchor: "start", className: "marker-label")
        }
        let yTitle = display.axisLabel.isEmpty ? MetricLabel.humanize(unit) : display.axisLabel
        ChartFrame.draw(into: &svg, x: xAxis, y: yAxis, xTitle: "simulated time (\(time.label))", yTitle: yTitle)

        if data.replicationCount > 1 {
            for item in drawn {
                for segment in LineChart.segments(item.band.low, item.band.high) {
                    var points: [String] = []
                    for index in segment { points.append("\(svg.c(x(item.band.times[index]))),\(svg.c(y(item.band.high[index])))") }
                    for index in segment.reversed() { points.append("\(svg.c(x(item.band.times[index]))),\(svg.c(y(item.band.low[index])))") }
                    svg.raw("<polygon class=\"band\" fill=\"\(ChartPalette.color(item.color))\" points=\"\(points.joined(separator: " "))\"/>")
                }
            }
        }
        for item in drawn {
            let color = ChartPalette.color(item.color)
            let dashed = item.series.dashed || ChartPalette.dashed(item.color)
            let label = HTMLText.escape(item.series.label)
            for segment in LineChart.segments(item.band.mean, item.band.mean) {
                if segment.count == 1, let index = segment.first {
                    svg.raw("<circle cx=\"\(svg.c(x(item.band.times[index])))\" cy=\"\(svg.c(y(item.band.mean[index])))\" r=\"2.5\" fill=\"\(color)\"><title>\(label)</title></circle>")
                    continue
                }
                var path = ""
                for (offset, index) in segment.enumerated() {
                    path += (offset == 0 ? "M" : " L") + "\(svg.c(x(item.band.times[index]))),\(svg.c(y(item.band.mean[index])))"
                }
                svg.raw("<path class=\"line\(dashed ? " dashed" : "")\" stroke=\"\(color)\" d=\"\(path)\"><title>\(label)</title></path>")
            }
        }
        let legend = drawn.map { item in
            LegendEntry(label: item.series.label, color: ChartPalette.color(item.color), dashed: item.series.dashed || ChartPalette.dashed(item.color))
        }
        var notes: [String] = []
        if data.replicationCount > 1 { notes.append("Lines: mean of \(data.replicationCount) replications; bands: their range (min to max).") }
        let samples = data.results.first?.series.sampleCount ?? 0
        if samples > LineChart.maximumPoints {
            let size = (samples + LineChart.maximumPoints - 1) / LineChart.maximumPoints
            notes.append("Each point averages \(size) consecutive samples of a replication (\(samples) samples in all).")
        }
        if !zero.isEmpty { notes.append("Zero throughout, not drawn: \(zero.joined(separator: ", ")).") }
        if !omitted.isEmpty { notes.append("Not drawn (more than \(LineChart.maximumSeries) series): \(omitted.joined(separator: ", ")).") }
        return ChartFigure.html(title: title, caption: caption, svg: svg.close(), legend: legend, notes: notes)
    }

    /// Runs of consecutive indices where both arrays are defined.
    static func segments(_ a: [Double], _ b: [Double]) -> [[Int]] {
        var result: [[Int]] = []
        var current: [Int] = []
        for index in a.indices {
            if a[index].isFinite && b[index].isFinite {
                current.append(index)
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}

struct LegendEntry {
    var label: String
    var color: String
    var dashed = false
    /// A filled square (bars) rather than a line.
    var box = false
}

/// The HTML around a chart: title, caption, the SVG, a legend and notes.
enum ChartFigure {
    static func html(title: String, caption: String?, svg: String, legend: [LegendEntry], notes: [String] = []) -> String {
        var html = "<figure class=\"chart\"><figcaption><span class=\"chart-title\">\(HTMLText.escape(title))</span>"
        if let caption { html += " <span class=\"chart-caption\">\(HTMLText.escape(caption))</span>" }
        html += "</figcaption>\n" + svg + "\n"
        if legend.count > 1 || (legend.count == 1 && !legend[0].label.isEmpty) {
            html += "<ul class=\"legend\">"
            for entry in legend {
                let kind = entry.box ? " box" : entry.dashed ? " dashed" : ""
                html += "<li><span class=\"swatch\(kind)\" style=\"border-color:\(entry.color)\"></span>\(HTMLText.escape(entry.label))</li>"
            }
            html += "</ul>"
        }
        for note in notes { html += "<p class=\"note\">\(HTMLText.escape(note))</p>" }
        html += "</figure>\n"
        return html
    }
}
