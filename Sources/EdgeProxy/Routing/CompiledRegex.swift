/// A regular expression compiled once, when the configuration is built (Envoy's
/// `Regex::Utility::parseRegex`, RE2 there, Swift's `Regex` here), then only run.
///
/// Matching works on Unicode scalars, as RE2 works on code points. `Regex` is not `Sendable`
/// in the standard library; this wrapper is, because the expression is never mutated after
/// `init` and its lazily lowered program is built eagerly there (by a first match), so
/// concurrent simulations only ever read it.
public final class CompiledRegex: @unchecked Sendable, CustomStringConvertible {
    public let pattern: String
    private let regex: Regex<AnyRegexOutput>

    public init(_ pattern: String) throws(RouteConfigurationError) {
        do {
            regex = try Regex(pattern).matchingSemantics(.unicodeScalar)
        } catch {
            throw .invalidRegex(pattern: pattern, reason: "\(error)")
        }
        self.pattern = pattern
        _ = "".wholeMatch(of: regex)  // compile the matching program now, not per request
    }

    /// RE2's `FullMatch`: the whole of `text` must match.
    public func fullMatch(_ text: some StringProtocol) -> Bool {
        Substring(text).wholeMatch(of: regex) != nil
    }

    /// RE2's `GlobalReplace`: every non-overlapping match replaced by `substitution`, in which
    /// `\0`…`\9` stand for the match and its capture groups and `\\` for a backslash.
    public func replaceAll(in text: String, with substitution: String) -> String {
        var result = ""
        var cursor = text.startIndex
        for match in text.matches(of: regex) {
            result += text[cursor..<match.range.lowerBound]
            result += Self.expand(substitution, match: match.output, in: text)
            cursor = match.range.upperBound
        }
        result += text[cursor...]
        return result
    }

    public var description: String { pattern }

    private static func expand(_ substitution: String, match: AnyRegexOutput, in text: String) -> String {
        var expanded = ""
        var escaping = false
        for character in substitution {
            if escaping {
                escaping = false
                if let digit = character.wholeNumberValue, character.isASCII {
                    if digit < match.count, let range = match[digit].range {
                        expanded += text[range]
                    }
                    continue
                }
                expanded.append(character)
            } else if character == "\\" {
                escaping = true
            } else {
                expanded.append(character)
            }
        }
        return expanded
    }
}
