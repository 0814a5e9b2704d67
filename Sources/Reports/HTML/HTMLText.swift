import Foundation

/// Text for HTML: every string that comes from a scenario (names, descriptions, YAML, metric
/// components) goes through `escape` before it reaches the page, in text and in attributes.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// An identifier for `id=` and anchors from free text: ASCII letters, digits and '-'.
    static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            let keep = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if keep {
                slug.unicodeScalars.append(scalar)
            } else if !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "x" : slug
    }
}

/// Number formatting for reports: a fixed number of significant digits, thousands grouped,
/// no locale, so equal values are equal bytes on every machine.
enum ReportNumber {
    /// `significant` digits (whole numbers are never cut: 639590.5 shows as 639,591);
    /// "n/a" for an undefined value.
    static func format(_ value: Double, significant: Int = 4) -> String {
        if value.isNaN { return "n/a" }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e15 || magnitude < 1e-4 {
            return String(format: "%.\(max(significant - 1, 0))e", value)
        }
        let exponent = Int(floor(log10(magnitude)))
        let decimals = min(max(significant - 1 - exponent, 0), 8)
        if value == value.rounded(), decimals == 0 || magnitude >= 1000 {
            return grouped(String(format: "%.0f", value))
        }
        return grouped(String(format: "%.\(decimals)f", value))
    }

    /// Exactly `decimals` places, grouped.
    static func fixed(_ value: Double, decimals: Int) -> String {
        if value.isNaN { return "n/a" }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        var text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
        return grouped(text)
    }

    /// An SVG coordinate: one decimal place.
    static func coordinate(_ value: Double) -> String {
        let text = String(format: "%.1f", value)
        return text == "-0.0" ? "0.0" : text
    }

    /// Inserts ',' every three digits of the integer part.
    static func grouped(_ text: String) -> String {
        var sign = ""
        var body = Substring(text)
        if body.hasPrefix("-") {
            sign = "−"
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = Array(parts[0])
        guard integer.count > 3, integer.allSatisfy(\.isNumber) else {
            return sign + body
        }
        var result = ""
        for (index, digit) in integer.enumerated() {
            if index > 0 && (integer.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        if parts.count > 1 { result += "." + parts[1] }
        return sign + result
    }
}

/// How a unit of the CSVs is shown: ratios as percentages, short spans in milliseconds.
struct DisplayUnit: Equatable {
    var scale: Double
    var label: String

    /// The display for values of `unit` whose typical magnitude is `magnitude`.
    static func of(_ unit: String, magnitude: Double) -> DisplayUnit {
        switch unit {
        case "ratio": return DisplayUnit(scale: 100, label: "%")
        case "s": return magnitude.isFinite && magnitude < 1 ? DisplayUnit(scale: 1000, label: "ms") : DisplayUnit(scale: 1, label: "s")
        case "ms": return magnitude.isFinite && magnitude >= 10_000 ? DisplayUnit(scale: 0.001, label: "s") : DisplayUnit(scale: 1, label: "ms")
        case "per_s", "1/s": return DisplayUnit(scale: 1, label: "/s")
        case "count", "": return DisplayUnit(scale: 1, label: "")
        default: return DisplayUnit(scale: 1, label: unit.replacingOccurrences(of: "_", with: " "))
        }
    }

    /// A value with its unit, e.g. `58.55 %`, `3,046 ms`, `6,395 /s`.
    func format(_ value: Double, significant: Int = 4) -> String {
        let number = self.number(value, significant: significant)
        return label.isEmpty ? number : "\(number) \(label)"
    }

    /// The scaled value without its unit. Whole counts show no decimals (12, not 12.00).
    func number(_ value: Double, significant: Int = 4) -> String {
        let scaled = value * scale
        if label.isEmpty, scale == 1, scaled == scaled.rounded(), abs(scaled) < 1e15 {
            return ReportNumber.grouped(String(format: "%.0f", scaled))
        }
        return ReportNumber.format(scaled, significant: significant)
    }

    /// The axis title's unit, e.g. "ms", "%", "per second".
    var axisLabel: String {
        switch label {
        case "/s": return "per second"
        default: return label
        }
    }
}

/// Readable names for metrics: `latency_p99` reads "latency p99".
enum MetricLabel {
    static func humanize(_ metric: String) -> String {
        // Percentiles with a fraction are written p99_9 in metric names: read p99.9.
        var words = metric.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index + 1 < words.count {
            let word = words[index]
            if word.count > 1, word.hasPrefix("p"), word.dropFirst().allSatisfy(\.isNumber),
               !words[index + 1].isEmpty, words[index + 1].allSatisfy(\.isNumber) {
                words[index] = word + "." + words[index + 1]
                words.remove(at: index + 1)
            } else {
                index += 1
            }
        }
        return words.joined(separator: " ")
    }
}
