/// `--set PATH=VALUE`: replaces (or adds) the value at a dotted path of the document before it
/// is read, so an override is validated exactly like the file. The value is YAML
/// (`--set 'stations.web.service={ exponential: { mean: 50ms } }'`); its diagnostics point
/// at `--set:N:COLUMN`, N counting the overrides from one.
public enum Overrides {
    public static func apply(_ overrides: [String], to root: YAMLNode) throws(Diagnostic) -> YAMLNode {
        var document = root
        for (index, override) in overrides.enumerated() {
            let at = { (column: Int) in SourceLocation(file: "--set", line: index + 1, column: column) }
            guard let equals = override.firstIndex(of: "=") else {
                throw Diagnostic.error(at: at(1), "an override is PATH=VALUE, found '\(override)'")
            }
            guard let path = keys(of: override[..<equals]) else {
                throw Diagnostic.error(at: at(1), "malformed override path '\(override[..<equals])'")
            }
            let valueText = String(override[override.index(after: equals)...])
            let valueColumn = override.distance(from: override.startIndex, to: equals) + 2
            var value: YAMLNode
            do {
                value = try YAMLNode.parse(valueText.isEmpty ? "~" : valueText, file: "--set")
            } catch {
                throw Diagnostic.error(at: at(error.location.column + valueColumn - 1), error.message)
            }
            value.relocate(line: index + 1, columnOffset: valueColumn - 1)
            try set(&document, path: path[...], value: value, at: at(1), fullPath: path.joined(separator: "."))
        }
        return document
    }

    /// The keys of a dotted path (`stations.web.servers`), or nil when one is empty.
    static func keys(of path: Substring) -> [String]? {
        let keys = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        return keys.allSatisfy({ !$0.isEmpty }) ? keys : nil
    }

    /// Replaces (or adds) the value at `path`, as `--set` does; `location` is where the path
    /// was written, for its diagnostics.
    static func set(_ value: YAMLNode, at path: [String], in document: inout YAMLNode, location: SourceLocation) throws(Diagnostic) {
        try set(&document, path: path[...], value: value, at: location, fullPath: path.joined(separator: "."))
    }

    private static func set(
        _ node: inout YAMLNode, path: ArraySlice<String>, value: YAMLNode, at location: SourceLocation, fullPath: String
    ) throws(Diagnostic) {
        guard let key = path.first else {
            node = value
            return
        }
        switch node.content {
        case .mapping(var entries):
            if let index = entries.firstIndex(where: { $0.key == key }) {
                try set(&entries[index].value, path: path.dropFirst(), value: value, at: location, fullPath: fullPath)
            } else if path.count == 1 {
                entries.append(YAMLNode.Entry(key: key, keyLocation: location, value: value))
            } else {
                throw Diagnostic.error(at: location, "cannot set '\(fullPath)': there is no '\(key)' to descend into")
            }
            node.content = .mapping(entries)
        case .sequence(var items):
            guard let index = Int(key), items.indices.contains(index) else {
                throw Diagnostic.error(at: location, "cannot set '\(fullPath)': '\(key)' is not an index of the list (0 to \(items.count - 1))")
            }
            try set(&items[index], path: path.dropFirst(), value: value, at: location, fullPath: fullPath)
            node.content = .sequence(items)
        case .scalar:
            throw Diagnostic.error(at: location, "cannot set '\(fullPath)': '\(key)' is inside a single value")
        }
    }
}

extension YAMLNode {
    /// Moves every location of a parsed override onto its `--set` line and column.
    mutating func relocate(line: Int, columnOffset: Int) {
        location.line = line
        location.column += columnOffset
        switch content {
        case .scalar:
            break
        case .mapping(var entries):
            for index in entries.indices {
                entries[index].keyLocation.line = line
                entries[index].keyLocation.column += columnOffset
                entries[index].value.relocate(line: line, columnOffset: columnOffset)
            }
            content = .mapping(entries)
        case .sequence(var items):
            for index in items.indices { items[index].relocate(line: line, columnOffset: columnOffset) }
            content = .sequence(items)
        }
    }
}
