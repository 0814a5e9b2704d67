import SimKernel

/// One entry of a route's `hash_policy` (Envoy's `Http::HashPolicyImpl` methods): how a
/// request produces the 64-bit key that ring hash and Maglev place on their rings.
public struct HashPolicy: Sendable {
    public enum Source: Sendable {
        /// All values of the header, each optionally rewritten, sorted, then chained
        /// `h = xxHash64(v, seed: h)` from `h = 0`. Absent header: no value.
        case header(name: String, rewrite: RegexRewrite?)
        /// `xxHash64(cookie value)`. An absent (or empty) cookie yields no value unless `ttl` is
        /// set; then Envoy generates a value, sends it back in `Set-Cookie`, and hashes it.
        case cookie(Cookie)
        /// `connection_properties.source_ip`: `xxHash64(downstream IP)`, no port.
        case sourceIP
        /// `xxHash64(first value of the query parameter)`. Absent: no value.
        case queryParameter(name: String)
    }

    /// A cookie hash policy's cookie.
    public struct Cookie: Sendable, Equatable {
        public let name: String
        /// With a ttl, an absent cookie is generated; `.zero` still counts as set (a session
        /// cookie without `Max-Age`).
        public let ttl: SimTime?
        public let path: String

        public init(name: String, ttl: SimTime? = nil, path: String = "") {
            self.name = name
            self.ttl = ttl
            self.path = path
        }
    }

    public let source: Source
    /// Stop at this policy when a hash exists so far.
    public let terminal: Bool

    public init(_ source: Source, terminal: Bool = false) {
        if case let .header(name, rewrite) = source {
            self.source = .header(name: ASCII.lowercased(name), rewrite: rewrite)
        } else {
            self.source = source
        }
        self.terminal = terminal
    }

    public static func header(_ name: String, rewrite: RegexRewrite? = nil, terminal: Bool = false) -> HashPolicy {
        HashPolicy(.header(name: name, rewrite: rewrite), terminal: terminal)
    }

    public static func cookie(_ name: String, ttl: SimTime? = nil, path: String = "", terminal: Bool = false) -> HashPolicy {
        HashPolicy(.cookie(Cookie(name: name, ttl: ttl, path: path)), terminal: terminal)
    }

    public static func sourceIP(terminal: Bool = false) -> HashPolicy {
        HashPolicy(.sourceIP, terminal: terminal)
    }

    public static func queryParameter(_ name: String, terminal: Bool = false) -> HashPolicy {
        HashPolicy(.queryParameter(name: name), terminal: terminal)
    }
}
