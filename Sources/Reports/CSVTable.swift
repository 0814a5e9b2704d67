/// An RFC 4180 table: CRLF line ends, fields quoted only when they contain a comma, a quote
/// or a line break, quotes doubled. Numbers are formatted by `CSVNumber`, so equal results
/// are equal bytes.
public struct CSVTable {
    public let header: [String]
    public private(set) var text: String

    public init(header: [String]) {
        self.header = header
        text = ""
        appendLine(header)
    }

    public mutating func append(_ fields: [String]) {
        precondition(fields.count == header.count, "a CSV row must have one field per column")
        appendLine(fields)
    }

    private mutating func appendLine(_ fields: [String]) {
        text += fields.map(CSVTable.escape).joined(separator: ",")
        text += "\r\n"
    }

    /// Works on Unicode scalars, not characters: `"\r\n"` and a quote followed by a
    /// combining mark are single `Character`s that equal neither of their parts.
    static func escape(_ field: String) -> String {
        let special: Set<Unicode.Scalar> = [",", "\"", "\n", "\r"]
        guard field.unicodeScalars.contains(where: special.contains) else { return field }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in field.unicodeScalars {
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }
}

/// Number formatting for every CSV: whole numbers without a decimal point, other values in
/// the shortest form that reads back to the same `Double`, NaN (undefined) as an empty field.
public enum CSVNumber {
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        // Every double of magnitude 2^53 or more is whole; all of them below 2^63 print exactly.
        if value == value.rounded(), abs(value) < 9.2e18 { return String(Int64(value)) }
        return "\(value)"
    }
}
