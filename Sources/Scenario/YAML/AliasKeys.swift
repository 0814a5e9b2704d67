/// Finds an alias used as a mapping key (`*a: x`, `? *a`, `{ *a : x }`).
///
/// Yams hashes every mapping key while composing a document, and hashing an alias walks its
/// whole expansion before rehearse's node budget can stop it, so a small file with nested
/// anchors and an alias as a key would take exponential time. Scenarios never need such keys;
/// they are rejected before parsing by this scan, which skips comments and quoted text.
enum AliasKeys {
    static func first(in text: String) -> (line: Int, column: Int)? {
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            var quote: Unicode.Scalar?
            var index = 0
            while index < scalars.count {
                let c = scalars[index]
                if let open = quote {
                    if c == open { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == "#", index == 0 || scalars[index - 1] == " " || scalars[index - 1] == "\t" {
                    break
                } else if c == "*", let end = aliasEnd(scalars, from: index + 1), isKey(scalars, alias: index, end: end) {
                    return (lineIndex + 1, index + 1)
                }
                index += 1
            }
        }
        return nil
    }

    /// The index after an alias name starting at `start`, if there is a name.
    private static func aliasEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var end = start
        while end < scalars.count, scalars[end].properties.isAlphabetic || ("0"..."9").contains(scalars[end]) || scalars[end] == "-" || scalars[end] == "_" {
            end += 1
        }
        return end > start ? end : nil
    }

    private static func isKey(_ scalars: [Unicode.Scalar], alias start: Int, end: Int) -> Bool {
        var before = start - 1
        while before >= 0, scalars[before] == " " || scalars[before] == "\t" { before -= 1 }
        if before >= 0, scalars[before] == "?" { return true }
        var after = end
        while after < scalars.count, scalars[after] == " " || scalars[after] == "\t" { after += 1 }
        guard after < scalars.count, scalars[after] == ":" else { return false }
        let next = after + 1
        return next == scalars.count || [" ", "\t", ",", "}", "]"].contains(scalars[next])
    }
}
