import EdgeProxy
import SimKernel

/// Reads `edge.clusters`: each cluster's service, load-balancing policy, circuit breakers,
/// outlier detection and health checks, with Envoy's defaults.
enum ClusterSchema {
    static let policies = ["round_robin", "least_request", "random", "ring_hash", "maglev"]

    static func read(_ node: YAMLNode, services: [Platform.Service]) throws(Diagnostic) -> [EdgeConfiguration.Cluster] {
        var reader = try MappingReader(node, context: "'edge.clusters'")
        var clusters: [EdgeConfiguration.Cluster] = []
        let entries = reader.allEntries()
        guard !entries.isEmpty else { throw Diagnostic.error(at: node.location, "'edge.clusters' needs at least one cluster") }
        for entry in entries {
            try YAMLNode.checkName(entry.key, what: "cluster name", at: entry.keyLocation)
            clusters.append(try cluster(entry, services: services))
        }
        return clusters
    }

    private static func cluster(_ entry: YAMLNode.Entry, services: [Platform.Service]) throws(Diagnostic) -> EdgeConfiguration.Cluster {
        let what = "cluster '\(entry.key)'"
        var reader = try MappingReader(entry.value, context: what)
        let service = try serviceName(try reader.required("service"), what, services: services)
        var cluster = EdgeConfiguration.Cluster(name: entry.key, service: service)
        if let failover = reader.optional("failover") {
            for node in failover.list() {
                let name = try serviceName(node, what, services: services)
                guard name != service, !cluster.failover.contains(name) else {
                    throw Diagnostic.error(at: node.location, "\(what) lists service '\(name)' at two priorities")
                }
                cluster.failover.append(name)
            }
        }
        if let lbNode = reader.optional("lb") { cluster.policy = try policy(lbNode, what) }
        if let panic = reader.optional("panic_threshold") {
            cluster.common.healthyPanicThreshold = try panic.nonNegativeNumber("\(what) panic_threshold")
            guard cluster.common.healthyPanicThreshold <= 100 else { throw Diagnostic.error(at: panic.location, "\(what) panic_threshold is a percentage (0 to 100)") }
        }
        if let breakers = reader.optional("circuit_breakers") { cluster.circuitBreakers = try circuitBreakers(breakers, what) }
        if let outlier = reader.optional("outlier_detection") { cluster.outlierDetection = try outlierDetection(outlier, what) }
        if let check = reader.optional("health_check") { cluster.healthCheck = try healthCheck(check, what) }
        if let perHost = reader.optional("per_host_stats") { cluster.perHostStatistics = try perHost.boolean("\(what) per_host_stats") }
        try reader.finish()
        return cluster
    }

    private static func serviceName(_ node: YAMLNode, _ what: String, services: [Platform.Service]) throws(Diagnostic) -> String {
        let service = try node.text("\(what) service")
        guard services.contains(where: { $0.name == service }) else {
            var message = "\(what) names unknown service '\(service)'"
            if let suggestion = MappingReader.closest(to: service, among: services.map(\.name)) { message += "; did you mean '\(suggestion)'?" }
            throw Diagnostic.error(at: node.location, message)
        }
        return service
    }

    /// `lb: least_request`, or with settings `lb: { least_request: { choice_count: 3 } }`.
    private static func policy(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> LoadBalancerPolicy {
        let name: String
        var settings: MappingReader?
        if case .scalar(let text, _) = node.content {
            name = text
        } else {
            var reader = try MappingReader(node, context: "\(what) lb")
            guard reader.keys.count == 1, let key = reader.keys.first else {
                throw Diagnostic.error(at: node.location, "\(what) lb must name one policy (\(policies.joined(separator: ", ")))")
            }
            name = key
            let body = try reader.required(key)
            settings = try MappingReader(body, context: "\(what) \(key)")
        }
        let policy: LoadBalancerPolicy
        switch name {
        case "round_robin":
            policy = .roundRobin
        case "random":
            policy = .random
        case "least_request":
            var config = LeastRequestConfig()
            if settings != nil {
                if let n = settings!.optional("choice_count") { config.choiceCount = UInt32(try n.integer("\(what) choice_count", in: 1...1000)) }
                if let b = settings!.optional("active_request_bias") { config.activeRequestBias = try b.nonNegativeNumber("\(what) active_request_bias") }
                if let m = settings!.optional("selection_method") {
                    switch try m.text("\(what) selection_method") {
                    case "n_choices": config.selectionMethod = .nChoices
                    case "full_scan": config.selectionMethod = .fullScan
                    default: throw Diagnostic.error(at: m.location, "\(what) selection_method is n_choices or full_scan")
                    }
                }
            }
            policy = .leastRequest(config)
        case "ring_hash":
            var config = RingHashConfig()
            if settings != nil {
                if let n = settings!.optional("minimum_ring_size") { config.minimumRingSize = UInt64(try n.integer("\(what) minimum_ring_size", in: 1...8_388_608)) }
                if let n = settings!.optional("maximum_ring_size") { config.maximumRingSize = UInt64(try n.integer("\(what) maximum_ring_size", in: 1...8_388_608)) }
                if let f = settings!.optional("hash_function") {
                    switch try f.text("\(what) hash_function") {
                    case "xx_hash": config.hashFunction = .xxHash
                    case "murmur_hash_2": config.hashFunction = .murmurHash2
                    default: throw Diagnostic.error(at: f.location, "\(what) hash_function is xx_hash or murmur_hash_2")
                    }
                }
            }
            policy = .ringHash(config)
        case "maglev":
            var config = MaglevConfig()
            if settings != nil, let n = settings!.optional("table_size") {
                config.tableSize = UInt64(try n.integer("\(what) table_size", in: 2...5_000_011))
            }
            policy = .maglev(config)
        default:
            var message = "unknown load-balancing policy '\(name)' in \(what)"
            if let suggestion = MappingReader.closest(to: name, among: policies) { message += "; did you mean '\(suggestion)'?" }
            throw Diagnostic.error(at: node.location, message + " (known: \(policies.joined(separator: ", ")))")
        }
        try settings?.finish()
        do {
            try policy.validate()
        } catch {
            throw Diagnostic.error(at: node.location, "\(what): \(error.message)")
        }
        return policy
    }

    private static func circuitBreakers(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> CircuitBreakerThresholds {
        var reader = try MappingReader(node, context: "\(what) circuit_breakers")
        var thresholds = CircuitBreakerThresholds()
        let limit = 100_000_000
        if let n = reader.optional("max_connections") { thresholds.maxConnections = try n.integer("\(what) max_connections", in: 1...limit) }
        if let n = reader.optional("max_pending_requests") { thresholds.maxPendingRequests = try n.integer("\(what) max_pending_requests", in: 0...limit) }
        if let n = reader.optional("max_requests") { thresholds.maxRequests = try n.integer("\(what) max_requests", in: 1...limit) }
        if let n = reader.optional("max_retries") { thresholds.maxRetries = try n.integer("\(what) max_retries", in: 0...limit) }
        try reader.finish()
        return thresholds
    }

    private static func outlierDetection(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> OutlierDetectionConfiguration {
        var c = OutlierDetectionConfiguration()
        if case .scalar = node.content {
            guard try node.boolean("\(what) outlier_detection") else { throw Diagnostic.error(at: node.location, "leave out 'outlier_detection' to turn it off") }
            return c
        }
        var r = try MappingReader(node, context: "\(what) outlier_detection")
        let w = "\(what) outlier_detection"
        func count(_ key: String, _ range: ClosedRange<Int> = 0...1_000_000) throws(Diagnostic) -> Int? { try r.optional(key)?.integer("\(w) \(key)", in: range) }
        func percent(_ key: String) throws(Diagnostic) -> Int? { try count(key, 0...100) }
        if let v = try count("consecutive_5xx", 1...1_000_000) { c.consecutive5xx = v }
        if let v = try percent("enforcing_consecutive_5xx") { c.enforcingConsecutive5xx = v }
        if let v = try count("consecutive_gateway_failure", 1...1_000_000) { c.consecutiveGatewayFailure = v }
        if let v = try percent("enforcing_consecutive_gateway_failure") { c.enforcingConsecutiveGatewayFailure = v }
        if let v = r.optional("interval") { c.interval = try v.positiveDuration("\(w) interval") }
        if let v = r.optional("base_ejection_time") { c.baseEjectionTime = try v.positiveDuration("\(w) base_ejection_time") }
        if let v = r.optional("max_ejection_time") { c.maxEjectionTime = try v.positiveDuration("\(w) max_ejection_time") }
        if let v = try percent("max_ejection_percent") { c.maxEjectionPercent = v }
        if let v = try count("success_rate_minimum_hosts") { c.successRateMinimumHosts = v }
        if let v = try count("success_rate_request_volume") { c.successRateRequestVolume = v }
        if let v = try count("success_rate_stdev_factor") { c.successRateStdevFactor = v }
        if let v = try percent("enforcing_success_rate") { c.enforcingSuccessRate = v }
        if let v = try percent("failure_percentage_threshold") { c.failurePercentageThreshold = v }
        if let v = try percent("enforcing_failure_percentage") { c.enforcingFailurePercentage = v }
        if let v = try count("failure_percentage_minimum_hosts") { c.failurePercentageMinimumHosts = v }
        if let v = try count("failure_percentage_request_volume") { c.failurePercentageRequestVolume = v }
        try r.finish()
        return c
    }

    private static func healthCheck(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> HealthCheckConfiguration {
        var r = try MappingReader(node, context: "\(what) health_check")
        let w = "\(what) health_check"
        let interval = try r.required("interval").positiveDuration("\(w) interval")
        let timeout = try r.required("timeout").positiveDuration("\(w) timeout")
        let healthy = try r.required("healthy_threshold").integer("\(w) healthy_threshold", in: 1...1000)
        let unhealthy = try r.required("unhealthy_threshold").integer("\(w) unhealthy_threshold", in: 1...1000)
        try r.finish()
        return HealthCheckConfiguration(interval: interval, timeout: timeout, healthyThreshold: healthy, unhealthyThreshold: unhealthy)
    }
}
