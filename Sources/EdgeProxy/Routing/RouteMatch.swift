/// A route's `match`: a path specifier plus header conditions, all of which must hold.
///
/// Every path specifier looks at the path without its query string and fragment.
public struct RouteMatch: Sendable {
    public enum PathSpecifier: Sendable {
        /// `prefix`: the path starts with it (`""` and `/` match every path).
        case prefix(String)
        /// `path`: the path equals it.
        case path(String)
        /// `safe_regex`: the regex matches the whole path.
        case safeRegex(CompiledRegex)
    }

    public let pathSpecifier: PathSpecifier
    /// `case_sensitive` (default true): applies to `prefix` and `path`, not to `safe_regex`.
    public let caseSensitive: Bool
    public let headers: [HeaderMatcher]

    public init(_ pathSpecifier: PathSpecifier, caseSensitive: Bool = true, headers: [HeaderMatcher] = []) {
        self.pathSpecifier = pathSpecifier
        self.caseSensitive = caseSensitive
        self.headers = headers
    }

    public static func prefix(_ prefix: String, caseSensitive: Bool = true, headers: [HeaderMatcher] = []) -> RouteMatch {
        RouteMatch(.prefix(prefix), caseSensitive: caseSensitive, headers: headers)
    }

    public static func path(_ path: String, caseSensitive: Bool = true, headers: [HeaderMatcher] = []) -> RouteMatch {
        RouteMatch(.path(path), caseSensitive: caseSensitive, headers: headers)
    }

    public static func safeRegex(_ pattern: String, headers: [HeaderMatcher] = []) throws(RouteConfigurationError) -> RouteMatch {
        RouteMatch(.safeRegex(try CompiledRegex(pattern)), headers: headers)
    }

    public func matches(_ request: RequestAttributes) -> Bool {
        for header in headers where !header.matches(request) {
            return false
        }
        let path = request.pathWithoutQuery
        switch pathSpecifier {
        case let .prefix(prefix): return ASCII.hasPrefix(path, prefix, ignoringCase: !caseSensitive)
        case let .path(exact): return ASCII.equal(path, exact, ignoringCase: !caseSensitive)
        case let .safeRegex(regex): return regex.fullMatch(path)
        }
    }
}
