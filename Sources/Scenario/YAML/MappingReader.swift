/// Reads a YAML mapping key by key and then rejects any key nobody asked for, with the keys
/// that would have been understood (and the closest one, for typos).
public struct MappingReader {
    public let node: YAMLNode
    /// What the mapping is, for messages: "station 'web'", "the scenario".
    public let context: String
    private let entries: [YAMLNode.Entry]
    private var used: [Bool]
    private var known: [String] = []

    public init(_ node: YAMLNode, context: String) throws(Diagnostic) {
        guard case .mapping(let entries) = node.content else {
            throw Diagnostic.error(at: node.location, "\(context) must be a mapping, found \(node.kindDescription)")
        }
        self.node = node
        self.context = context
        self.entries = entries
        used = Array(repeating: false, count: entries.count)
    }

    /// The value of `key`, if present and not null.
    public mutating func optional(_ key: String) -> YAMLNode? {
        if !known.contains(key) { known.append(key) }
        guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
        used[index] = true
        return entries[index].value.isNull ? nil : entries[index].value
    }

    /// The value of `key`; when it is missing but an unread key looks like a typo of it, the
    /// typo is the error worth reporting.
    public mutating func required(_ key: String) throws(Diagnostic) -> YAMLNode {
        if let value = optional(key) { return value }
        for (index, entry) in entries.enumerated() where !used[index] && MappingReader.editDistance(entry.key, key) <= 2 {
            throw Diagnostic.error(at: entry.keyLocation, "unknown key '\(entry.key)' in \(context); did you mean '\(key)'?")
        }
        throw Diagnostic.error(at: node.location, "\(context) needs '\(key)'")
    }

    /// The keys present, in document order: for mappings whose keys are names (stations).
    public var keys: [String] { entries.map(\.key) }

    /// Every entry, all marked as read: for mappings whose keys are names rather than fields.
    public mutating func allEntries() -> [YAMLNode.Entry] {
        used = Array(repeating: true, count: entries.count)
        return entries
    }

    /// Fails on the first key that was never asked for.
    public func finish() throws(Diagnostic) {
        guard let index = used.firstIndex(of: false) else { return }
        let key = entries[index].key
        var message = "unknown key '\(key)' in \(context)"
        if let suggestion = MappingReader.closest(to: key, among: known) {
            message += "; did you mean '\(suggestion)'?"
        } else if !known.isEmpty {
            message += " (expected \(known.map { "'\($0)'" }.joined(separator: ", ")))"
        }
        throw Diagnostic.error(at: entries[index].keyLocation, message)
    }

    /// The known key within edit distance two of `key`, if one is.
    static func closest(to key: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(key, $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
