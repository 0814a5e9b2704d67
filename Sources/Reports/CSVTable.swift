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

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingQuotes() + "\""
    }
}

/// Number formatting for every CSV: whole numbers without a decimal point, other values in
/// the shortest form that reads back to the same `Double`, NaN (undefined) as an empty field.
public enum CSVNumber {
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var result = ""
        for character in self {
            if character == "\"" { result += "\"\"" } else { result.append(character) }
        }
        return result
    }
}
