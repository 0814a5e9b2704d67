/// Envoy's virtual host selection by `:authority` (`RouteMatcher::findVirtualHost`).
///
/// Domains are lower-cased and split into exact names, suffix wildcards (`*.x`, keyed by `.x`),
/// prefix wildcards (`x.*`, keyed by `x.`) and the single default `*`. A host is lower-cased
/// (its port stripped first when `ignorePort` is set) and looked up in that order; wildcards
/// are tried longest first, and a wildcard's `*` must stand for at least one character.
struct VirtualHostTable: Sendable {
    private var exact: [String: Int] = [:]
    /// Wildcard keys, longest first; equal lengths cannot both match one host.
    private var suffixes: [(key: String, virtualHost: Int)] = []
    private var prefixes: [(key: String, virtualHost: Int)] = []
    private var defaultVirtualHost: Int?
    private let ignorePort: Bool

    init(_ virtualHosts: [VirtualHost], ignorePort: Bool) throws(RouteConfigurationError) {
        self.ignorePort = ignorePort
        var suffixOwners: [String: Int] = [:]
        var prefixOwners: [String: Int] = [:]
        for (index, virtualHost) in virtualHosts.enumerated() {
            guard !virtualHost.domains.isEmpty else { throw .noDomains(virtualHost: virtualHost.name) }
            for rawDomain in virtualHost.domains {
                let domain = ASCII.lowercased(rawDomain)
                let bytes = domain.utf8
                guard let first = bytes.first, let last = bytes.last else {
                    throw .emptyDomain(virtualHost: virtualHost.name)
                }
                let duplicate: Int?
                if domain == "*" {
                    if let owner = defaultVirtualHost {
                        throw .duplicateDefaultVirtualHost(
                            virtualHost: virtualHost.name, firstVirtualHost: virtualHosts[owner].name)
                    }
                    defaultVirtualHost = index
                    duplicate = nil
                } else if first == UInt8(ascii: "*") {
                    let key = String(domain.dropFirst())
                    duplicate = suffixOwners[key]
                    if duplicate == nil { suffixOwners[key] = index; suffixes.append((key, index)) }
                } else if last == UInt8(ascii: "*") {
                    let key = String(domain.dropLast())
                    duplicate = prefixOwners[key]
                    if duplicate == nil { prefixOwners[key] = index; prefixes.append((key, index)) }
                } else {
                    duplicate = exact[domain]
                    if duplicate == nil { exact[domain] = index }
                }
                if let owner = duplicate {
                    throw .duplicateDomain(
                        domain: domain, virtualHost: virtualHost.name, firstVirtualHost: virtualHosts[owner].name)
                }
            }
        }
        suffixes.sort { $0.key.utf8.count > $1.key.utf8.count }
        prefixes.sort { $0.key.utf8.count > $1.key.utf8.count }
    }

    /// The index of the virtual host serving `authority`, or `nil` (Envoy: 404, flag `NR`).
    func find(authority: String?) -> Int? {
        // Only a default virtual host: it serves everything, even requests without authority.
        if exact.isEmpty && suffixes.isEmpty && prefixes.isEmpty {
            return defaultVirtualHost
        }
        guard var hostValue = authority.map({ Substring($0) }) else { return nil }
        if ignorePort, let portStart = Self.portStart(hostValue) {
            hostValue = hostValue[..<portStart]
        }
        let host = ASCII.lowercased(hostValue)
        if let index = exact[host] { return index }
        let hostLength = host.utf8.count
        for (key, index) in suffixes where key.utf8.count < hostLength && ASCII.hasSuffix(host, key) {
            return index
        }
        for (key, index) in prefixes where key.utf8.count < hostLength && ASCII.hasPrefix(host, key) {
            return index
        }
        return defaultVirtualHost
    }

    /// `HeaderUtility::getPortStart`: the last `:`, unless it sits inside an IPv6 `[...]`.
    static func portStart(_ host: Substring) -> Substring.Index? {
        guard let colon = host.utf8.lastIndex(of: UInt8(ascii: ":")) else { return nil }
        if let bracket = host.utf8.lastIndex(of: UInt8(ascii: "]")), bracket > colon {
            return nil
        }
        return colon
    }
}
