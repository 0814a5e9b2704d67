/// A JSON value as rehearse writes it. Objects have no order of their own: `text` prints
/// their keys sorted, with a fixed layout, so equal values are always equal bytes.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number, held as the JSON text that spells it (see `integer` and `real`), so that
    /// integers beyond `Double`'s precision (a seed's `UInt64` bound) print exactly.
    case numeral(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public static func integer<T: BinaryInteger>(_ value: T) -> JSONValue {
        .numeral(String(value))
    }

    /// A finite number in its shortest exact decimal form; whole values print without `.0`.
    public static func real(_ value: Double) -> JSONValue {
        precondition(value.isFinite, "JSON has no \(value)")
        if value == value.rounded(), abs(value) < 1e15 { return .numeral(String(Int64(value))) }
        return .numeral("\(value)")
    }

    /// The document: two-space indentation, one member per line, arrays of plain values on
    /// one line, and a final newline.
    public var text: String {
        var output = ""
        write(to: &output, indentation: "")
        return output + "\n"
    }

    private var isPlain: Bool {
        switch self {
        case .array(let items): return items.isEmpty
        case .object(let members): return members.isEmpty
        default: return true
        }
    }

    private func write(to output: inout String, indentation: String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .numeral(let text): output += text
        case .string(let text): JSONValue.quote(text, into: &output)
        case .array(let items) where items.allSatisfy(\.isPlain):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += ", " }
                item.write(to: &output, indentation: indentation)
            }
            output += "]"
        case .array(let items):
            let inner = indentation + "  "
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += inner
                item.write(to: &output, indentation: inner)
                output += index == items.count - 1 ? "\n" : ",\n"
            }
            output += indentation + "]"
        case .object(let members) where members.isEmpty:
            output += "{}"
        case .object(let members):
            let inner = indentation + "  "
            let keys = members.keys.sorted()
            output += "{\n"
            for (index, key) in keys.enumerated() {
                output += inner
                JSONValue.quote(key, into: &output)
                output += ": "
                members[key]!.write(to: &output, indentation: inner)
                output += index == keys.count - 1 ? "\n" : ",\n"
            }
            output += indentation + "}"
        }
    }

    private static func quote(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(Dictionary(uniqueKeysWithValues: elements)) }
}
