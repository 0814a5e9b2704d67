import Yams

/// A YAML document as rehearse reads it: scalars, mappings with string keys, sequences, each
/// with its source location. Aliases are expanded while the tree is built, under a budget, so
/// that a small file cannot expand into a huge one ("billion laughs").
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        /// A scalar's text and whether it was quoted (a quoted scalar is always a string).
        case scalar(String, quoted: Bool)
        case mapping([Entry])
        case sequence([YAMLNode])
    }

    public struct Entry: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: YAMLNode
    }

    public var content: Content
    public var location: SourceLocation

    /// Most nodes a document may expand to, aliases included. Real scenarios have a few
    /// thousand; the bound stops exponential alias expansion long before memory runs out.
    public static let nodeBudget = 200_000

    /// Parses `text`; `file` names it in diagnostics.
    public static func parse(_ text: String, file: String) throws(Diagnostic) -> YAMLNode {
        if let position = AliasKeys.first(in: text) {
            throw Diagnostic.error(
                at: SourceLocation(file: file, line: position.line, column: position.column),
                "an alias cannot be a mapping key")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw YAMLNode.diagnostic(for: error, file: file, text: text)
        } catch {
            throw Diagnostic.error(at: SourceLocation(file: file, line: 1, column: 1), "cannot read YAML: \(error)")
        }
        guard let root else {
            throw Diagnostic.error(at: SourceLocation(file: file, line: 1, column: 1), "the document is empty")
        }
        var budget = nodeBudget
        return try convert(root, file: file, budget: &budget)
    }

    private static func convert(_ node: Node, file: String, budget: inout Int) throws(Diagnostic) -> YAMLNode {
        let location = SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        budget -= 1
        if budget < 0 {
            throw Diagnostic.error(at: location, "the document expands to more than \(nodeBudget) nodes (through aliases?)")
        }
        switch node {
        case .scalar(let scalar):
            return YAMLNode(content: .scalar(scalar.string, quoted: scalar.style != .plain && scalar.style != .any), location: location)
        case .mapping(let mapping):
            var entries: [Entry] = []
            for (key, value) in mapping {
                let keyLocation = SourceLocation(file: file, line: key.mark?.line ?? location.line, column: key.mark?.column ?? location.column)
                guard case .scalar(let scalar) = key else {
                    throw Diagnostic.error(at: keyLocation, "mapping keys must be plain names")
                }
                if scalar.string == "<<", scalar.style == .plain || scalar.style == .any {
                    throw Diagnostic.error(at: keyLocation, "merge keys ('<<') are not supported; repeat the keys or use an alias for the whole value")
                }
                entries.append(Entry(key: scalar.string, keyLocation: keyLocation, value: try convert(value, file: file, budget: &budget)))
            }
            return YAMLNode(content: .mapping(entries), location: location)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence {
                items.append(try convert(item, file: file, budget: &budget))
            }
            return YAMLNode(content: .sequence(items), location: location)
        case .alias:
            throw Diagnostic.error(at: location, "unresolved alias")
        }
    }

    private static func diagnostic(for error: YamlError, file: String, text: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        func explained(_ context: YamlError.Context?, _ problem: String) -> String {
            guard let context, !context.text.isEmpty else { return problem }
            return "\(context.text), \(problem)"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return .error(at: at(mark), explained(context, problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let line = repetition(of: key, after: context.mark, in: text) ?? context.mark.line
            return .error(at: SourceLocation(file: file, line: line, column: context.mark.column), "duplicate key '\(duplicates.joined(separator: "', '"))'")
        case .reader(let problem, _, _, _):
            return .error(at: SourceLocation(file: file, line: 1, column: 1), problem)
        default:
            return .error(at: SourceLocation(file: file, line: 1, column: 1), "cannot read YAML: \(error)")
        }
    }

    /// Yams reports a duplicate key at its first occurrence; the mistake is the repetition.
    /// In block style it is the next line that starts with the key at the same column.
    private static func repetition(of key: String, after first: Mark, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line <= lines.count else { return nil }
        for index in first.line..<lines.count {
            let line = Array(lines[index].unicodeScalars)
            let start = first.column - 1
            guard start >= 0, line.count > start else { continue }
            let rest = String(String.UnicodeScalarView(line[start...]))
            let indentation = line[..<start].allSatisfy { $0 == " " || $0 == "-" }
            if indentation, rest.hasPrefix(key), rest.dropFirst(key.count).trimmingPrefix(" ").hasPrefix(":") {
                return index + 1
            }
        }
        return nil
    }

    /// What the node is, for messages: "a mapping", "a list", "'abc'".
    public var kindDescription: String {
        switch content {
        case .scalar(let text, _): return text.isEmpty ? "nothing" : "'\(text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// True for an absent value: an empty plain scalar, `~` or `null`.
    public var isNull: Bool {
        if case .scalar(let text, quoted: false) = content {
            return ["", "~", "null", "Null", "NULL"].contains(text)
        }
        return false
    }
}
