/// One of a route's `headers` conditions (Envoy's `HeaderMatcher`, `Http::HeaderUtility`).
///
/// A header that appears several times is matched as its values joined with `,`. An absent
/// header fails every rule except `present(false)`, whatever `invertMatch` says (with
/// `invertMatch`, `present(true)` matches an absent header); a present header matches when the
/// rule's result differs from `invertMatch`.
public struct HeaderMatcher: Sendable, CustomStringConvertible {
    public enum Rule: Sendable {
        /// `exact_match`; an empty expected value matches any value.
        case exact(String)
        case prefix(String)
        case suffix(String)
        case contains(String)
        /// `safe_regex_match`: full match of the value.
        case safeRegex(CompiledRegex)
        /// `present_match`: `true` needs the header, `false` needs it absent.
        case present(Bool)
        /// `range_match`: the value parses as a decimal `Int64` in `[start, end)`.
        case range(start: Int64, end: Int64)
    }

    /// Lower-cased header name (pseudo-headers `:authority`, `:path`, `:method` allowed).
    public let name: String
    public let rule: Rule
    public let invertMatch: Bool

    public init(name: String, rule: Rule, invertMatch: Bool = false) {
        self.name = ASCII.lowercased(name)
        self.rule = rule
        self.invertMatch = invertMatch
    }

    public static func exact(_ name: String, _ value: String, invert: Bool = false) -> HeaderMatcher {
        HeaderMatcher(name: name, rule: .exact(value), invertMatch: invert)
    }

    public static func prefix(_ name: String, _ value: String, invert: Bool = false) -> HeaderMatcher {
        HeaderMatcher(name: name, rule: .prefix(value), invertMatch: invert)
    }

    public static func suffix(_ name: String, _ value: String, invert: Bool = false) -> HeaderMatcher {
        HeaderMatcher(name: name, rule: .suffix(value), invertMatch: invert)
    }

    public static func contains(_ name: String, _ value: String, invert: Bool = false) -> HeaderMatcher {
        HeaderMatcher(name: name, rule: .contains(value), invertMatch: invert)
    }

    public static func safeRegex(_ name: String, _ pattern: String, invert: Bool = false) throws(RouteConfigurationError) -> HeaderMatcher {
        HeaderMatcher(name: name, rule: .safeRegex(try CompiledRegex(pattern)), invertMatch: invert)
    }

    public static func present(_ name: String, _ present: Bool = true, invert: Bool = false) -> HeaderMatcher {
        HeaderMatcher(name: name, rule: .present(present), invertMatch: invert)
    }

    public static func range(_ name: String, _ range: Range<Int64>, invert: Bool = false) -> HeaderMatcher {
        HeaderMatcher(name: name, rule: .range(start: range.lowerBound, end: range.upperBound), invertMatch: invert)
    }

    public func matches(_ request: RequestAttributes) -> Bool {
        let values = request.headerValues(name)
        if case let .present(expected) = rule {
            return (!values.isEmpty == expected) != invertMatch
        }
        guard !values.isEmpty else { return false }
        let value = values.count == 1 ? values[0] : values.joined(separator: ",")
        return ruleMatches(value) != invertMatch
    }

    private func ruleMatches(_ value: String) -> Bool {
        switch rule {
        case let .exact(expected): return expected.isEmpty || ASCII.equal(value, expected)
        case let .prefix(prefix): return ASCII.hasPrefix(value, prefix)
        case let .suffix(suffix): return ASCII.hasSuffix(value, suffix)
        case let .contains(needle): return ASCII.contains(value, needle)
        case let .safeRegex(regex): return regex.fullMatch(value)
        case .present: return true
        case let .range(start, end):
            guard let number = ASCII.int64(value) else { return false }
            return number >= start && number < end
        }
    }

    public var description: String {
        let text: String
        switch rule {
        case let .exact(value): text = "exact '\(value)'"
        case let .prefix(value): text = "prefix '\(value)'"
        case let .suffix(value): text = "suffix '\(value)'"
        case let .contains(value): text = "contains '\(value)'"
        case let .safeRegex(regex): text = "regex '\(regex.pattern)'"
        case let .present(present): text = present ? "present" : "absent"
        case let .range(start, end): text = "in [\(start), \(end))"
        }
        return "header \(name) \(invertMatch ? "not " : "")\(text)"
    }
}
