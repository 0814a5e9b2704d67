import EdgeProxy

/// `edge.clusters` as Schema/ClusterSchema.swift reads them, with Envoy's defaults (taken
/// from the EdgeProxy configuration types, so they cannot drift).
enum ClusterJSONSchema {
    static let definitions: [String: JSONSchema] = [
        "cluster": JSONSchema.object([
            .required("service", .ref("text"), "The service whose instances are the cluster's hosts (priority 0)."),
            .optional(
                "failover", .oneOrMore(.ref("text")),
                "Services whose instances are the lower priorities (1, 2, ...): traffic spills over to them as higher priorities lose health."),
            .optional("lb", .ref("loadBalancer"), "The load-balancing policy.", default: "round_robin"),
            .optional(
                "panic_threshold", .number(minimum: 0, maximum: 100),
                "Envoy's healthy_panic_threshold in percent: below it the balancer uses all hosts; 0 disables panic.",
                default: .real(CommonLoadBalancerConfig().healthyPanicThreshold)),
            .optional("circuit_breakers", .ref("circuitBreakers"), "Envoy's circuit breaker thresholds (default priority)."),
            .optional("outlier_detection", .ref("outlierDetection"), "Envoy's outlier detection; leave it out to turn it off."),
            .optional("health_check", .ref("healthCheck"), "Active health checks; leave them out to turn them off."),
            .optional("per_host_stats", .ref("boolean"), "Report requests per host (edge.cluster.<name>.host.<i>).", default: false),
        ]).described("An Envoy upstream cluster over a service's instances."),
        "loadBalancer": JSONSchema.oneOf([
            .choice(ClusterSchema.policies),
            JSONSchema([
                "type": "object", "additionalProperties": false, "minProperties": 1, "maxProperties": 1,
                "properties": .object([
                    "round_robin": JSONSchema.object([]).described("Weighted round robin (EDF when weights differ).").json,
                    "random": JSONSchema.object([]).described("A host at random.").json,
                    "least_request": leastRequest.json,
                    "ring_hash": ringHash.json,
                    "maglev": maglev.json,
                ]),
            ]),
        ]).described("A policy name (\(ClusterSchema.policies.joined(separator: ", "))), or one policy with its settings: { least_request: { choice_count: 3 } }.")
            .examples(["least_request", ["least_request": ["choice_count": 3]], ["ring_hash": ["minimum_ring_size": 4096]]]),
        "circuitBreakers": JSONSchema.object([
            .optional(
                "max_connections", .integer(1...100_000_000), "Connections to the cluster's hosts (HTTP/1: one request per connection).",
                default: .integer(CircuitBreakerThresholds().maxConnections)),
            .optional(
                "max_pending_requests", .integer(0...100_000_000), "Requests waiting for a connection; beyond it, 503 with flag UO.",
                default: .integer(CircuitBreakerThresholds().maxPendingRequests)),
            .optional(
                "max_requests", .integer(1...100_000_000), "Requests in flight to the cluster.",
                default: .integer(CircuitBreakerThresholds().maxRequests)),
            .optional(
                "max_retries", .integer(0...100_000_000), "Retries in flight to the cluster.",
                default: .integer(CircuitBreakerThresholds().maxRetries)),
        ]).described("Envoy's circuit breaker thresholds; overflow is answered 503 with flag UO."),
        "outlierDetection": JSONSchema.oneOf([
            JSONSchema.ref("true").described("true: outlier detection with Envoy's defaults."),
            outlierDetection,
        ]).described("Envoy's outlier detection: true for its defaults, or settings."),
        "healthCheck": JSONSchema.object([
            .required("interval", .ref("positiveDuration"), "Time between checks."),
            .required("timeout", .ref("positiveDuration"), "Time after which a check counts as failed."),
            .required("healthy_threshold", .integer(1...1000), "Passing checks in a row that make a host healthy."),
            .required("unhealthy_threshold", .integer(1...1000), "Failing checks in a row that make a host unhealthy."),
        ]).described("Active health checks of the cluster's hosts, from every proxy."),
    ]

    private static let leastRequest = JSONSchema.object([
        .optional(
            "choice_count", .integer(2...1000), "Hosts drawn per pick; the one with fewest active requests wins.",
            default: .integer(LeastRequestConfig().choiceCount)),
        .optional(
            "active_request_bias", .number(minimum: 0),
            "Exponent of (active requests + 1) dividing a host's weight; when set, the weighted (EDF) path is used even for equal weights. Default: 1."),
        .optional("selection_method", .choice(["n_choices", "full_scan"]), "Draw choice_count hosts, or scan them all.", default: "n_choices"),
    ]).described("Least request (power of two choices by default).")

    private static let ringHash = JSONSchema.object([
        .optional(
            "minimum_ring_size", .integer(1...8_388_608), "Smallest ring (at most maximum_ring_size).",
            default: .integer(RingHashConfig().minimumRingSize)),
        .optional("maximum_ring_size", .integer(1...8_388_608), "Largest ring.", default: .integer(RingHashConfig().maximumRingSize)),
        .optional("hash_function", .choice(["xx_hash", "murmur_hash_2"]), "Hash that places hosts on the ring.", default: "xx_hash"),
    ]).described("Ring hash (ketama); requests need a hash policy on their route.")

    private static let maglev = JSONSchema.object([
        .optional("table_size", .integer(2...5_000_011), "Lookup table size, a prime.", default: .integer(MaglevConfig.defaultTableSize)),
    ]).described("Maglev; requests need a hash policy on their route.")

    private static let outlierDetection: JSONSchema = {
        let defaults = OutlierDetectionConfiguration()
        let count = JSONSchema.integer(0...1_000_000)
        let percent = JSONSchema.integer(0...100)
        return JSONSchema.object([
            .optional(
                "consecutive_5xx", .integer(1...1_000_000), "Consecutive 5xx responses that eject a host.",
                default: .integer(defaults.consecutive5xx)),
            .optional(
                "enforcing_consecutive_5xx", percent, "Percent chance that a consecutive-5xx ejection is enforced.",
                default: .integer(defaults.enforcingConsecutive5xx)),
            .optional(
                "consecutive_gateway_failure", .integer(1...1_000_000), "Consecutive gateway failures (502, 503, 504) that eject a host.",
                default: .integer(defaults.consecutiveGatewayFailure)),
            .optional(
                "enforcing_consecutive_gateway_failure", percent, "Percent chance that a gateway-failure ejection is enforced.",
                default: .integer(defaults.enforcingConsecutiveGatewayFailure)),
            .optional("interval", .ref("positiveDuration"), "Time between ejection sweeps.", default: ScalarJSONSchema.duration(defaults.interval)),
            .optional(
                "base_ejection_time", .ref("positiveDuration"), "Ejection time, multiplied by the times a host was ejected.",
                default: ScalarJSONSchema.duration(defaults.baseEjectionTime)),
            .optional(
                "max_ejection_time", .ref("positiveDuration"), "Longest ejection.", default: ScalarJSONSchema.duration(defaults.maxEjectionTime)),
            .optional(
                "max_ejection_percent", percent, "Most hosts ejected at once, in percent.", default: .integer(defaults.maxEjectionPercent)),
            .optional(
                "success_rate_minimum_hosts", count, "Hosts with enough requests needed for the success-rate check.",
                default: .integer(defaults.successRateMinimumHosts)),
            .optional(
                "success_rate_request_volume", count, "Requests a host needs in an interval to count for the success-rate check.",
                default: .integer(defaults.successRateRequestVolume)),
            .optional(
                "success_rate_stdev_factor", count, "Standard deviations below the mean success rate that eject, in thousandths (1900 = 1.9).",
                default: .integer(defaults.successRateStdevFactor)),
            .optional(
                "enforcing_success_rate", percent, "Percent chance that a success-rate ejection is enforced.",
                default: .integer(defaults.enforcingSuccessRate)),
            .optional(
                "failure_percentage_threshold", percent, "Failure percentage at or above which a host is ejected.",
                default: .integer(defaults.failurePercentageThreshold)),
            .optional(
                "enforcing_failure_percentage", percent, "Percent chance that a failure-percentage ejection is enforced.",
                default: .integer(defaults.enforcingFailurePercentage)),
            .optional(
                "failure_percentage_minimum_hosts", count, "Hosts with enough requests needed for the failure-percentage check.",
                default: .integer(defaults.failurePercentageMinimumHosts)),
            .optional(
                "failure_percentage_request_volume", count, "Requests a host needs in an interval to count for the failure-percentage check.",
                default: .integer(defaults.failurePercentageRequestVolume)),
        ])
    }()
}
