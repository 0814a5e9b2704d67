import EdgeProxy
import SimKernel

/// Reads `edge.virtual_hosts` in Envoy's own shape, so a route configuration reads like an
/// Envoy one:
///
/// ```yaml
/// - name: jira
///   domains: ["jira.example.com", "*.atlassian.net"]
///   routes:
///     - match: { prefix: /rest/api, headers: [ { name: x-canary, present: true } ] }
///       route:
///         weighted_clusters: { jira-web: 90, jira-canary: 10 }
///         timeout: 15s
///         retry: { retry_on: [5xx, reset], num_retries: 2, per_try_timeout: 2s,
///                  retry_host_predicate: [previous_hosts], host_selection_retry_max_attempts: 3 }
///         hash_policy: [ { header: { header_name: x-tenant-id } } ]
/// ```
enum RouteSchema {
    static func read(_ node: YAMLNode, clusters: [String]) throws(Diagnostic) -> RouteConfiguration {
        guard case .sequence(let items) = node.content, !items.isEmpty else {
            throw Diagnostic.error(at: node.location, "'edge.virtual_hosts' must be a non-empty list")
        }
        var hosts: [VirtualHost] = []
        for (index, item) in items.enumerated() {
            hosts.append(try virtualHost(item, number: index + 1, clusters: clusters))
        }
        return try checked(node) { () throws(RouteConfigurationError) in try RouteConfiguration(virtualHosts: hosts) }
    }

    /// Runs an Envoy configuration constructor, turning its error into a diagnostic at `node`.
    static func checked<T>(_ node: YAMLNode, _ build: () throws(RouteConfigurationError) -> T) throws(Diagnostic) -> T {
        do {
            return try build()
        } catch {
            throw Diagnostic.error(at: node.location, error.description)
        }
    }

    private static func virtualHost(_ node: YAMLNode, number: Int, clusters: [String]) throws(Diagnostic) -> VirtualHost {
        var reader = try MappingReader(node, context: "virtual host \(number)")
        let name = try reader.optional("name")?.text("virtual host name") ?? "vhost-\(number)"
        let what = "virtual host '\(name)'"
        let domainsNode = try reader.required("domains")
        var domains: [String] = []
        for item in domainsNode.list() { domains.append(try item.text("\(what) domain")) }
        let retry = try reader.optional("retry").map { (n) throws(Diagnostic) in try retryPolicy(n, what) }
        let routesNode = try reader.required("routes")
        guard case .sequence(let routeItems) = routesNode.content, !routeItems.isEmpty else {
            throw Diagnostic.error(at: routesNode.location, "\(what) routes must be a non-empty list")
        }
        var routes: [Route] = []
        for (index, item) in routeItems.enumerated() {
            routes.append(try route(item, "\(what) route \(index + 1)", clusters: clusters))
        }
        try reader.finish()
        return VirtualHost(name: name, domains: domains, routes: routes, retryPolicy: retry)
    }

    private static func route(_ node: YAMLNode, _ what: String, clusters: [String]) throws(Diagnostic) -> Route {
        var reader = try MappingReader(node, context: what)
        let name = try reader.optional("name")?.text("\(what) name") ?? ""
        let match = try routeMatch(try reader.required("match"), what)
        let action = try routeAction(try reader.required("route"), what, clusters: clusters)
        try reader.finish()
        return Route(name: name, match: match, action: action)
    }

    private static func routeMatch(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> RouteMatch {
        var reader = try MappingReader(node, context: "\(what) match")
        let caseSensitive = try reader.optional("case_sensitive")?.boolean("\(what) case_sensitive") ?? true
        var headers: [HeaderMatcher] = []
        if let headersNode = reader.optional("headers") {
            for item in headersNode.list() { headers.append(try headerMatcher(item, what)) }
        }
        let prefix = reader.optional("prefix")
        let path = reader.optional("path")
        let regex = reader.optional("safe_regex")
        let given = [prefix, path, regex].compactMap { $0 }
        guard given.count == 1, let specifier = given.first else {
            throw Diagnostic.error(at: node.location, "\(what) match needs exactly one of 'prefix', 'path' and 'safe_regex'")
        }
        let text = try specifier.text("\(what) match")
        try reader.finish()
        if prefix != nil { return .prefix(text, caseSensitive: caseSensitive, headers: headers) }
        if path != nil { return .path(text, caseSensitive: caseSensitive, headers: headers) }
        return try checked(specifier) { () throws(RouteConfigurationError) in try RouteMatch.safeRegex(text, headers: headers) }
    }

    private static func headerMatcher(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> HeaderMatcher {
        var reader = try MappingReader(node, context: "\(what) header matcher")
        let name = try reader.required("name").text("\(what) header name")
        let invert = try reader.optional("invert_match")?.boolean("\(what) invert_match") ?? false
        let rules = ["exact", "prefix", "suffix", "contains", "safe_regex", "present", "range"]
        let present = rules.compactMap { key in reader.optional(key).map { (key, $0) } }
        guard present.count == 1, let (rule, value) = present.first else {
            throw Diagnostic.error(at: node.location, "\(what) header matcher needs exactly one of \(rules.joined(separator: ", "))")
        }
        let matcher: HeaderMatcher
        switch rule {
        case "exact": matcher = .exact(name, try value.text("\(what) exact"), invert: invert)
        case "prefix": matcher = .prefix(name, try value.text("\(what) prefix"), invert: invert)
        case "suffix": matcher = .suffix(name, try value.text("\(what) suffix"), invert: invert)
        case "contains": matcher = .contains(name, try value.text("\(what) contains"), invert: invert)
        case "present": matcher = .present(name, try value.boolean("\(what) present"), invert: invert)
        case "safe_regex":
            let pattern = try value.text("\(what) safe_regex")
            matcher = try checked(value) { () throws(RouteConfigurationError) in try HeaderMatcher.safeRegex(name, pattern, invert: invert) }
        default:
            var range = try MappingReader(value, context: "\(what) range")
            let start = try range.required("start").integer("\(what) range start", in: Int.min...Int.max)
            let endNode = try range.required("end")
            let end = try endNode.integer("\(what) range end", in: Int.min...Int.max)
            guard end > start else { throw Diagnostic.error(at: endNode.location, "\(what) range needs end > start") }
            try range.finish()
            matcher = .range(name, Int64(start)..<Int64(end), invert: invert)
        }
        try reader.finish()
        return matcher
    }

    private static func routeAction(_ node: YAMLNode, _ what: String, clusters: [String]) throws(Diagnostic) -> RouteAction {
        var reader = try MappingReader(node, context: "\(what) route")
        let timeout = try reader.optional("timeout")?.duration("\(what) timeout") ?? RouteAction.defaultTimeout
        let retry = try reader.optional("retry").map { (n) throws(Diagnostic) in try retryPolicy(n, what) }
        var hashPolicies: [HashPolicy] = []
        if let hashNode = reader.optional("hash_policy") {
            for item in hashNode.list() { hashPolicies.append(try hashPolicy(item, what)) }
        }
        let clusterNode = reader.optional("cluster")
        let weightedNode = reader.optional("weighted_clusters")
        let action: RouteAction
        switch (clusterNode, weightedNode) {
        case (let single?, nil):
            let name = try clusterName(single, what, clusters: clusters)
            action = try checked(single) { () throws(RouteConfigurationError) in
                try RouteAction(cluster: name, timeout: timeout, retryPolicy: retry, hashPolicies: hashPolicies)
            }
        case (nil, let weighted?):
            var weights = try MappingReader(weighted, context: "\(what) weighted_clusters")
            var entries: [WeightedClusters.Entry] = []
            for entry in weights.allEntries() {
                let keyNode = YAMLNode(content: .scalar(entry.key, quoted: false), location: entry.keyLocation)
                let name = try clusterName(keyNode, what, clusters: clusters)
                let weight = try entry.value.integer("\(what) weight of '\(entry.key)'", in: 0...Int(UInt32.max))
                entries.append(WeightedClusters.Entry(name, weight: UInt32(weight)))
            }
            action = try checked(weighted) { () throws(RouteConfigurationError) in
                try RouteAction(weightedClusters: try WeightedClusters(entries), timeout: timeout, retryPolicy: retry, hashPolicies: hashPolicies)
            }
        default:
            throw Diagnostic.error(at: node.location, "\(what) route needs exactly one of 'cluster' and 'weighted_clusters'")
        }
        try reader.finish()
        return action
    }

    private static func clusterName(_ node: YAMLNode, _ what: String, clusters: [String]) throws(Diagnostic) -> String {
        let name = try node.text("\(what) cluster")
        guard clusters.contains(name) else {
            var message = "\(what) routes to unknown cluster '\(name)'"
            if let suggestion = MappingReader.closest(to: name, among: clusters) { message += "; did you mean '\(suggestion)'?" }
            throw Diagnostic.error(at: node.location, message)
        }
        return name
    }

    static func retryPolicy(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> RetryPolicy {
        var r = try MappingReader(node, context: "\(what) retry")
        let w = "\(what) retry"
        let retryOnNode = try r.required("retry_on")
        var conditions: [String] = []
        for item in retryOnNode.list() { conditions.append(try item.text("\(w) retry_on")) }
        let retryOn = try checked(retryOnNode) { () throws(RouteConfigurationError) in try RetryOn(parsing: conditions.joined(separator: ",")) }
        let numRetries = try r.optional("num_retries")?.integer("\(w) num_retries", in: 0...255) ?? 1
        let perTry = try r.optional("per_try_timeout")?.duration("\(w) per_try_timeout")
        var codes: [UInt16] = []
        if let codesNode = r.optional("retriable_status_codes") {
            for item in codesNode.list() { codes.append(UInt16(try item.integer("\(w) retriable_status_codes", in: 100...599))) }
        }
        var base: SimTime?
        var maximum: SimTime?
        if let backOff = r.optional("retry_back_off") {
            var b = try MappingReader(backOff, context: "\(w) retry_back_off")
            base = try b.required("base_interval").positiveDuration("\(w) base_interval")
            maximum = try b.optional("max_interval")?.positiveDuration("\(w) max_interval")
            try b.finish()
        }
        var avoidPrevious = false
        if let predicates = r.optional("retry_host_predicate") {
            for item in predicates.list() {
                let name = try item.text("\(w) retry_host_predicate")
                guard name == "previous_hosts" else {
                    throw Diagnostic.error(at: item.location, "\(w) retry_host_predicate supports 'previous_hosts' only")
                }
                avoidPrevious = true
            }
        }
        let attempts = try r.optional("host_selection_retry_max_attempts")?.integer("\(w) host_selection_retry_max_attempts", in: 1...100) ?? 1
        try r.finish()
        return try checked(node) { () throws(RouteConfigurationError) in
            try RetryPolicy(
                retryOn: retryOn, numRetries: UInt32(numRetries), perTryTimeout: perTry, retriableStatusCodes: codes,
                baseInterval: base, maxInterval: maximum, hostSelectionRetryMaxAttempts: UInt32(attempts),
                avoidPreviousHosts: avoidPrevious)
        }
    }

    private static func hashPolicy(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> HashPolicy {
        var r = try MappingReader(node, context: "\(what) hash_policy")
        let w = "\(what) hash_policy"
        let terminal = try r.optional("terminal")?.boolean("\(w) terminal") ?? false
        let policy: HashPolicy
        if let header = r.optional("header") {
            var h = try MappingReader(header, context: "\(w) header")
            let name = try h.required("header_name").text("\(w) header_name")
            var rewrite: RegexRewrite?
            if let rewriteNode = h.optional("regex_rewrite") {
                var rr = try MappingReader(rewriteNode, context: "\(w) regex_rewrite")
                let pattern = try rr.required("pattern").text("\(w) pattern")
                let substitution = try rr.required("substitution").text("\(w) substitution")
                try rr.finish()
                rewrite = try checked(rewriteNode) { () throws(RouteConfigurationError) in try RegexRewrite(pattern: pattern, substitution: substitution) }
            }
            try h.finish()
            policy = .header(name, rewrite: rewrite, terminal: terminal)
        } else if let cookie = r.optional("cookie") {
            var c = try MappingReader(cookie, context: "\(w) cookie")
            let name = try c.required("name").text("\(w) cookie name")
            let ttl = try c.optional("ttl")?.duration("\(w) cookie ttl")
            let path = try c.optional("path")?.text("\(w) cookie path") ?? ""
            try c.finish()
            policy = .cookie(name, ttl: ttl, path: path, terminal: terminal)
        } else if let connection = r.optional("connection_properties") {
            var c = try MappingReader(connection, context: "\(w) connection_properties")
            guard try c.required("source_ip").boolean("\(w) source_ip") else {
                throw Diagnostic.error(at: connection.location, "\(w) connection_properties needs source_ip: true")
            }
            try c.finish()
            policy = .sourceIP(terminal: terminal)
        } else if let query = r.optional("query_parameter") {
            var q = try MappingReader(query, context: "\(w) query_parameter")
            let name = try q.required("name").text("\(w) query_parameter name")
            try q.finish()
            policy = .queryParameter(name, terminal: terminal)
        } else {
            throw Diagnostic.error(at: node.location, "\(w) needs one of header, cookie, connection_properties, query_parameter")
        }
        try r.finish()
        return policy
    }
}
