import EdgeProxy
import Infra
import SimKernel

/// Reads `traffic:`, the clients' open-loop load.
///
/// ```yaml
/// traffic:
///   rate: 2000                # requests per second
///   tenants: 1000
///   tenant_skew: 1.0          # Zipf exponent of tenant popularity; 0 is uniform
///   zones: { a: 0.5, b: 0.5 } # client shares; default: equal
///   requests:
///     - { name: api, authority: jira.example.com, path: /rest/api/2/issue, weight: 0.7,
///         headers: { x-tenant-id: "{tenant}" } }
///     - { name: search, authority: search.internal, path: /search, weight: 0 }   # for services' calls through the edge
/// ```
enum TrafficSchema {
    static func read(_ node: YAMLNode, zones: [String]) throws(Diagnostic) -> TrafficConfiguration {
        var reader = try MappingReader(node, context: "'traffic'")
        let rate = try reader.required("rate").positiveNumber("'traffic.rate' (requests per second)")
        let tenants = try reader.optional("tenants")?.integer("'traffic.tenants'", in: 1...100_000_000) ?? 1
        let skew = try reader.optional("tenant_skew")?.nonNegativeNumber("'traffic.tenant_skew'") ?? 0
        var shares = Array(repeating: 1.0 / Double(zones.count), count: zones.count)
        if let zonesNode = reader.optional("zones") { shares = try SharesSchema.zones(zonesNode, "'traffic.zones'", zones: zones) }
        let users = try reader.optional("users_per_tenant")?.integer("'traffic.users_per_tenant'", in: 1...10_000_000) ?? 1
        var tierShares = [1.0, 0, 0, 0]
        if let tiersNode = reader.optional("tiers") { tierShares = try SharesSchema.tiers(tiersNode, "'traffic.tiers'") }
        let requestsNode = try reader.required("requests")
        guard case .sequence(let items) = requestsNode.content, !items.isEmpty else {
            throw Diagnostic.error(at: requestsNode.location, "'traffic.requests' must be a non-empty list of request kinds")
        }
        guard items.count <= 4096 else {
            throw Diagnostic.error(at: requestsNode.location, "'traffic.requests' may list at most 4096 request kinds")
        }
        var classes: [RequestClass] = []
        for (index, item) in items.enumerated() {
            classes.append(try requestClass(item, number: index + 1, names: classes.map(\.name)))
        }
        guard classes.contains(where: { $0.weight > 0 }) else {
            throw Diagnostic.error(at: requestsNode.location, "every request kind of 'traffic.requests' has weight 0: clients would send nothing")
        }
        try reader.finish()
        return TrafficConfiguration(
            rate: rate, classes: classes, tenants: tenants, tenantSkew: skew, zoneShares: shares, usersPerTenant: users, tierShares: tierShares)
    }

    private static func requestClass(_ node: YAMLNode, number: Int, names: [String]) throws(Diagnostic) -> RequestClass {
        var reader = try MappingReader(node, context: "request kind \(number)")
        let nameNode = reader.optional("name")
        let name = try nameNode?.name("request kind name") ?? "request-\(number)"
        if names.contains(name), let nameNode { throw Diagnostic.error(at: nameNode.location, "request kind '\(name)' is listed twice") }
        let request = try requestAttributes(&reader, node, name: name, what: "request kind '\(name)'")
        try reader.finish()
        return request
    }

    /// What a request carries, from a request kind of `traffic:` or a route of `workload:`:
    /// authority, path, method, headers and weight.
    static func requestAttributes(_ reader: inout MappingReader, _ node: YAMLNode, name: String, what: String) throws(Diagnostic) -> RequestClass {
        let authority = try reader.required("authority").text("\(what) authority")
        let path = try reader.required("path").text("\(what) path")
        guard path.hasPrefix("/") else { throw Diagnostic.error(at: node.location, "\(what) path must start with '/'") }
        let method = try reader.optional("method")?.text("\(what) method") ?? "GET"
        var headers: [HTTPHeader] = []
        if let headersNode = reader.optional("headers") {
            var headerReader = try MappingReader(headersNode, context: "\(what) headers")
            for entry in headerReader.allEntries() {
                headers.append(HTTPHeader(entry.key, try entry.value.text("\(what) header '\(entry.key)'")))
            }
        }
        // Zero: a route clients never send, that applications call through the edge.
        let weight = try reader.optional("weight")?.nonNegativeNumber("\(what) weight") ?? 1
        return RequestClass(name: name, authority: authority, path: path, method: method, headers: headers, weight: weight)
    }
}
