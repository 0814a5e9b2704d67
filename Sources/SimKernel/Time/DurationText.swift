/// The textual form of durations used in scenarios and reports: `250ms`, `1.5s`, `5m`, `1h`,
/// `2d`, and sums such as `1h30m`. Parsing is exact (decimal digits become integer nanoseconds
/// without passing through `Double`); printing picks the largest unit that shows the value
/// exactly, so `parse(format(t)) == t` for every `t`.
public enum DurationText {
    public struct Unit: Sendable {
        public let symbol: String
        public let nanoseconds: Int64
    }

    /// Largest first, the order `format` tries them in.
    public static let units: [Unit] = [
        Unit(symbol: "d", nanoseconds: 86_400_000_000_000),
        Unit(symbol: "h", nanoseconds: 3_600_000_000_000),
        Unit(symbol: "m", nanoseconds: 60_000_000_000),
        Unit(symbol: "s", nanoseconds: 1_000_000_000),
        Unit(symbol: "ms", nanoseconds: 1_000_000),
        Unit(symbol: "us", nanoseconds: 1_000),
        Unit(symbol: "µs", nanoseconds: 1_000),
        Unit(symbol: "ns", nanoseconds: 1),
    ]

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case missingUnit(String)
        case unknownUnit(String)
        case malformedNumber(String)
        case negative
        case tooLarge
        case finerThanNanosecond(String)

        public var description: String {
            switch self {
            case .empty: return "empty duration"
            case .missingUnit(let text): return "duration '\(text)' needs a unit (ns, us, ms, s, m, h, d), e.g. '\(text)s'"
            case .unknownUnit(let unit): return "unknown duration unit '\(unit)' (use ns, us, ms, s, m, h or d)"
            case .malformedNumber(let text): return "malformed duration '\(text)'"
            case .negative: return "durations cannot be negative"
            case .tooLarge: return "duration is too large (the limit is about 292 years)"
            case .finerThanNanosecond(let text): return "duration '\(text)' is finer than one nanosecond"
            }
        }
    }

    /// Parses `250ms`, `1.5s`, `1h30m`. A bare number is rejected: a unit-less duration is
    /// ambiguous and a classic source of scenario mistakes.
    public static func parse(_ text: String) throws(ParseError) -> SimTime {
        let scalars = Array(text.trimmingSpaces().unicodeScalars)
        if scalars.isEmpty { throw .empty }
        if scalars.first == "-" { throw .negative }
        var total: Int64 = 0
        var index = 0
        while index < scalars.count {
            let numberStart = index
            while index < scalars.count, scalars[index].isDigitOrPoint { index += 1 }
            let number = String(String.UnicodeScalarView(scalars[numberStart..<index]))
            let unitStart = index
            while index < scalars.count, !scalars[index].isDigitOrPoint { index += 1 }
            let symbol = String(String.UnicodeScalarView(scalars[unitStart..<index]))
            if number.isEmpty { throw .malformedNumber(text) }
            if symbol.isEmpty { throw .missingUnit(text) }
            guard let unit = units.first(where: { $0.symbol == symbol }) else { throw .unknownUnit(symbol) }
            let part = try nanoseconds(of: number, unit: unit.nanoseconds, text: text)
            let (sum, overflow) = total.addingReportingOverflow(part)
            if overflow { throw .tooLarge }
            total = sum
        }
        return SimTime(nanoseconds: total)
    }

    private static func nanoseconds(of number: String, unit: Int64, text: String) throws(ParseError) -> Int64 {
        let pieces = number.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, let whole = Int64(pieces[0].isEmpty ? "0" : String(pieces[0])) else {
            throw .malformedNumber(text)
        }
        if pieces.count == 2, pieces[1].isEmpty { throw .malformedNumber(text) }
        var (value, overflow) = whole.multipliedReportingOverflow(by: unit)
        if overflow { throw .tooLarge }
        guard pieces.count == 2 else { return value }
        // The fraction contributes digits * unit / 10^k; it must be a whole number of nanoseconds.
        var numerator: Int64 = 0
        var denominator: Int64 = 1
        for digit in pieces[1] {
            guard let d = digit.wholeNumberValue, denominator < 1_000_000_000_000_000 else { throw .malformedNumber(text) }
            numerator = numerator * 10 + Int64(d)
            denominator *= 10
        }
        let (scaled, scaledOverflow) = numerator.multipliedReportingOverflow(by: unit)
        if scaledOverflow { throw .tooLarge }
        if scaled % denominator != 0 { throw .finerThanNanosecond(text) }
        (value, overflow) = value.addingReportingOverflow(scaled / denominator)
        if overflow { throw .tooLarge }
        return value
    }

    /// The shortest exact text: the largest unit in which the value is a terminating decimal
    /// of at most six places (`1.5s`, `90s`, `250ms`, `2d`).
    public static func format(_ time: SimTime) -> String {
        let value = time.nanoseconds
        if value == 0 { return "0s" }
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        for unit in units where unit.symbol != "µs" {
            let size = UInt64(unit.nanoseconds)
            guard magnitude >= size else { continue }
            let whole = magnitude / size
            let remainder = magnitude % size
            if remainder == 0 { return "\(sign)\(whole)\(unit.symbol)" }
            // remainder / size as a decimal of at most six places, if it terminates there.
            let scaled = remainder.multipliedFullWidth(by: 1_000_000)
            let (quotient, rest) = size.dividingFullWidth(scaled)
            guard rest == 0 else { continue }
            var fraction = String(quotient)
            fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "\(sign)\(whole).\(fraction)\(unit.symbol)"
        }
        return "\(sign)\(magnitude)ns"
    }
}

extension SimTime: CustomStringConvertible {
    public var description: String { DurationText.format(self) }
}

extension Unicode.Scalar {
    fileprivate var isDigitOrPoint: Bool { (0x30...0x39).contains(value) || value == 0x2E }
}

extension String {
    fileprivate func trimmingSpaces() -> Substring {
        var slice = self[...]
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return slice
    }
}
