/// What Envoy's route matching and hash policies read from a request.
///
/// Pseudo-headers are fields of their own: `authority` (`:authority`, HTTP/1's `Host`),
/// `path` (`:path`, with its query string) and `method` (`:method`); header matchers and hash
/// policies that name `:authority`, `:path` or `:method` read these fields. Cookies travel in
/// `cookie` headers (`a=b; c=d`).
public struct RequestAttributes: Hashable, Sendable {
    /// `:authority`; `nil` when the request carries none.
    public var authority: String?
    /// `:path`, including any query string (`/a/b?x=1`).
    public var path: String
    /// `:method`.
    public var method: String
    /// Every other header line, in order.
    public var headers: [HTTPHeader]
    /// The downstream peer's IP address as Envoy prints it (`192.168.1.1`, `::1`), no port.
    public var sourceIP: String
    /// The downstream peer's port, when known: part of Envoy's generated cookie value.
    public var sourcePort: UInt16?
    /// The listener's local address as Envoy prints it (`10.0.0.1:443`).
    public var localAddress: String

    public init(
        authority: String?,
        path: String,
        method: String = "GET",
        headers: KeyValuePairs<String, String> = [:],
        sourceIP: String = "",
        sourcePort: UInt16? = nil,
        localAddress: String = ""
    ) {
        self.init(
            authority: authority, path: path, method: method,
            headerLines: headers.map { HTTPHeader($0.key, $0.value) },
            sourceIP: sourceIP, sourcePort: sourcePort, localAddress: localAddress
        )
    }

    public init(
        authority: String?,
        path: String,
        method: String = "GET",
        headerLines: [HTTPHeader],
        sourceIP: String = "",
        sourcePort: UInt16? = nil,
        localAddress: String = ""
    ) {
        self.authority = authority
        self.path = path
        self.method = method
        self.headers = headerLines
        self.sourceIP = sourceIP
        self.sourcePort = sourcePort
        self.localAddress = localAddress
    }

    /// Every value of the header `name` (case-insensitive), in request order; empty when
    /// absent. `:authority`, `:path` and `:method` read the pseudo-header fields.
    public func headerValues(_ name: String) -> [String] {
        if name.utf8.first == UInt8(ascii: ":") {
            switch ASCII.lowercased(name) {
            case ":authority": return authority.map { [$0] } ?? []
            case ":path": return [path]
            case ":method": return [method]
            default: break
            }
        }
        return headers.compactMap { ASCII.equal($0.name, name, ignoringCase: true) ? $0.value : nil }
    }

    /// The path without its query string and fragment (`Http::PathUtil::removeQueryAndFragment`):
    /// what `path`, `prefix` and `safe_regex` route matches look at.
    public var pathWithoutQuery: Substring {
        if let cut = path.utf8.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            return path[..<cut]
        }
        return path[...]
    }

    /// The downstream remote address as Envoy's `Address::Instance::asString()` prints it:
    /// `ip:port` (`[ip]:port` for IPv6) when the port is known, else the IP alone.
    public var downstreamRemoteAddress: String {
        guard let sourcePort else { return sourceIP }
        return sourceIP.utf8.contains(UInt8(ascii: ":")) ? "[\(sourceIP)]:\(sourcePort)" : "\(sourceIP):\(sourcePort)"
    }
}
