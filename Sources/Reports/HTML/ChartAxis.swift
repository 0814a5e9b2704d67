import Foundation

/// Colours of series, in order: the Okabe-Ito set (distinguishable with the common colour
/// vision deficiencies) without its yellow, its orange after the more distinct colours, then
/// a few darker extras. Series beyond the
/// palette repeat it with dashes.
enum ChartPalette {
    static let colors = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#6A3D9A",
        "#E69F00", "#8C564B", "#374151", "#B8860B", "#17BECF", "#9CA3AF",
    ]

    static func color(_ index: Int) -> String { colors[index % colors.count] }

    /// Series past the first round of colours are dashed so they stay distinguishable.
    static func dashed(_ index: Int) -> Bool { index >= colors.count }
}

/// A linear axis with "nice" ticks (1, 2, 2.5 or 5 times a power of ten).
struct ChartAxis {
    var lower: Double
    var upper: Double
    var ticks: [Double]
    var step: Double

    /// An axis covering `[low, high]`, starting from zero when the values are not negative.
    init(low: Double, high: Double, targetTicks: Int = 5, fromZero: Bool = true) {
        var low = low.isFinite ? low : 0
        var high = high.isFinite ? high : 1
        if fromZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        if high <= low {
            let pad = abs(high) > 0 ? abs(high) * 0.5 : 1
            high = low + pad
            if !fromZero || low < 0 { low -= pad }
        }
        let step = ChartAxis.niceStep((high - low) / Double(max(targetTicks, 1)))
        let first = (low / step).rounded(.down)
        let last = (high / step).rounded(.up)
        lower = first * step
        upper = last * step
        self.step = step
        var ticks: [Double] = []
        var index = first
        while index <= last + 0.5 {
            // Multiply rather than accumulate, so 0.1 + 0.1 + 0.1 does not drift.
            ticks.append(index * step)
            index += 1
        }
        self.ticks = ticks
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let exponent = floor(log10(raw))
        let magnitude = pow(10, exponent)
        let residual = raw / magnitude
        let factor: Double
        if residual <= 1 { factor = 1 } else if residual <= 2 { factor = 2 } else if residual <= 2.5 { factor = 2.5 } else if residual <= 5 { factor = 5 } else { factor = 10 }
        return factor * magnitude
    }

    /// Position of `value` between `start` (at `lower`) and `end` (at `upper`).
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// Tick labels with as many decimals as the step needs, large values with k, M, G.
    func label(_ value: Double) -> String {
        let largest = max(abs(lower), abs(upper))
        var scale = 1.0
        var suffix = ""
        if largest >= 1e9 {
            scale = 1e9
            suffix = "G"
        } else if largest >= 1e6 {
            scale = 1e6
            suffix = "M"
        } else if largest >= 1e4 {
            scale = 1e3
            suffix = "k"
        }
        let scaledStep = step / scale
        var decimals = 0
        while decimals < 6 {
            let shifted = scaledStep * pow(10, Double(decimals))
            if abs(shifted - shifted.rounded()) < 1e-6 * max(1, abs(shifted)) { break }
            decimals += 1
        }
        let text = ReportNumber.fixed(value / scale, decimals: decimals)
        return value == 0 ? "0" : text + suffix
    }
}

/// The time axis of a run: seconds, minutes, hours or days, whichever reads best.
struct TimeUnit {
    var seconds: Double
    var label: String

    static func forSpan(_ span: Double) -> TimeUnit {
        if span <= 180 { return TimeUnit(seconds: 1, label: "s") }
        if span <= 3 * 3600 { return TimeUnit(seconds: 60, label: "min") }
        if span <= 72 * 3600 { return TimeUnit(seconds: 3600, label: "h") }
        return TimeUnit(seconds: 86400, label: "d")
    }
}

/// A span of simulated time to shade in time charts: the warm-up, a fault.
struct TimeMarker {
    var start: Double
    var end: Double
    var label: String
    var fill: String
}

/// A small builder of SVG text with fixed number formatting.
struct SVGBuilder {
    private(set) var text = ""

    init(width: Double, height: Double, label: String) {
        text = "<svg viewBox=\"0 0 \(ReportNumber.coordinate(width)) \(ReportNumber.coordinate(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\" preserveAspectRatio=\"xMidYMid meet\">"
    }

    mutating func raw(_ element: String) { text += element }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, className: String) {
        text += "<line class=\"\(className)\" x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\"/>"
    }

    mutating func textElement(_ x: Double, _ y: Double, _ content: String, anchor: String = "middle", className: String = "tick", rotate: Double? = nil) {
        var transform = ""
        if let rotate { transform = " transform=\"rotate(\(c(rotate)) \(c(x)) \(c(y)))\"" }
        text += "<text class=\"\(className)\" x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"\(anchor)\"\(transform)>\(HTMLText.escape(content))</text>"
    }

    mutating func close() -> String {
        text += "</svg>"
        return text
    }

    func c(_ value: Double) -> String { ReportNumber.coordinate(value) }
}
