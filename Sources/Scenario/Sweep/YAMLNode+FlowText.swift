extension YAMLNode {
    /// The node as one line of flow YAML (`4`, `250ms`, `{ exponential: { mean: 50ms } }`):
    /// how a swept value is named in tables, CSV columns and messages.
    public var flowText: String {
        switch content {
        case .scalar(let text, let quoted):
            if quoted { return YAMLNode.doubleQuoted(text) }
            return text.isEmpty ? "~" : text
        case .mapping(let entries):
            guard !entries.isEmpty else { return "{}" }
            return "{ " + entries.map { "\($0.key): \($0.value.flowText)" }.joined(separator: ", ") + " }"
        case .sequence(let items):
            return "[" + items.map(\.flowText).joined(separator: ", ") + "]"
        }
    }

    private static func doubleQuoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
