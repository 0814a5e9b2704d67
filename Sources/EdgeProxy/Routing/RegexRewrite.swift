/// `regex_rewrite` of a header hash policy: every match of `pattern` in the value replaced by
/// `substitution` (`\1` … for capture groups), before hashing.
public struct RegexRewrite: Sendable {
    public let pattern: CompiledRegex
    public let substitution: String

    public init(pattern: String, substitution: String) throws(RouteConfigurationError) {
        self.pattern = try CompiledRegex(pattern)
        self.substitution = substitution
    }

    public func apply(to value: String) -> String {
        pattern.replaceAll(in: value, with: substitution)
    }
}
