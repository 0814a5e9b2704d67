import Infra
import Sidecar
import SimKernel

/// `sidecar:` as Schema/SidecarSchema.swift reads it, with the defaults of the Sidecar
/// configuration types.
enum SidecarJSONSchema {
    static let properties: [JSONSchema.Property] = [
        .optional(
            "sidecar", .ref("sidecar"),
            "Authentication, rate limiting and access logging beside every instance of the listed services (needs 'edge', and 'traffic' or 'workload')."),
    ]

    private static let tiers = JSONSchema.choice(Tier.allCases.map(\.name))
    private static let sidecarDefaults = SidecarConfiguration(placement: .sidecar, services: [])
    private static let authDefaults = AuthConfiguration(service: "")
    private static let logDefaults = AccessLogConfiguration()

    static let definitions: [String: JSONSchema] = [
        "sidecar": JSONSchema.object([
            .required(
                "placement", .choice(SidecarPlacement.allCases.map(\.rawValue)),
                "sidecar: a proxy beside each instance (a share of its cores, a hop each way); "
                    + "library: the same checks in-process on all cores; edge_only: the checks in the edge proxies only."),
            .optional(
                "services", .oneOrMore(.ref("text")),
                "The services whose instances get the checks (needed unless placement is edge_only)."),
            .optional(
                "cpu",
                .object([
                    .optional("cores", .integer(1...1024), "vCPUs of an instance.", default: .integer(sidecarDefaults.instanceCores)),
                    .optional(
                        "share", .number(exclusiveMinimum: 0, maximum: 1), "Share of the cores the sidecar runs on (the library uses all).",
                        default: .real(sidecarDefaults.cpuShare)),
                ]),
                "The instance's CPU, which the checks queue for."),
            .optional(
                "hop", .ref("distribution"), "One way between the application and its sidecar (sidecar placement).",
                default: ScalarJSONSchema.duration(sidecarDefaults.hop)),
            .optional(
                "proxy_cpu", .ref("distribution"), "CPU the sidecar proxy spends per request, each way (parsing, forwarding).",
                default: ScalarJSONSchema.duration(sidecarDefaults.proxyCPU)),
            .optional("auth", .ref("auth"), "Token verification, with an introspection cache in front of an auth service."),
            .optional(
                "rate_limit",
                .object([
                    .optional("local", .ref("localRateLimit"), "Envoy's local token buckets, per tier; over the limit answers 429."),
                    .optional("global", .ref("globalRateLimit"), "Calls to a rate-limit service with fixed windows; over the limit answers 429."),
                ]),
                "Local and global rate limits."),
            .optional("logging", .ref("accessLog"), "Access logging through a bounded buffer to a shipper."),
        ]).with("anyOf", [
            ["properties": ["placement": ["const": "edge_only"]]],
            ["required": ["services"], "properties": ["services": ["anyOf": [["$ref": "#/$defs/text"], ["type": "array", "minItems": 1]]]]],
        ]).described("Where authentication, rate limiting and access logging run, and how."),
        "auth": JSONSchema.object([
            .required("service", .ref("text"), "The service that answers introspection calls on cache misses."),
            .optional(
                "verify_cpu", .ref("distribution"), "CPU to verify a token, spent on every request.",
                default: ScalarJSONSchema.duration(authDefaults.verifyCPU)),
            .optional(
                "cache",
                .object([
                    .optional("size", .integer(1...100_000_000), "Entries (tenant and user) the LRU cache holds.", default: .integer(authDefaults.cacheSize)),
                    .optional("ttl", .ref("positiveDuration"), "How long an entry stays valid.", default: ScalarJSONSchema.duration(authDefaults.cacheTTL)),
                ]),
                "The introspection cache."),
            .optional("timeout", .ref("positiveDuration"), "Timeout of an introspection call.", default: ScalarJSONSchema.duration(authDefaults.timeout)),
            .optional(
                "failure_mode", .choice(["open", "closed"]),
                "When the auth service fails or times out: let the request through (open) or answer status_on_error (closed).",
                default: authDefaults.failOpen ? "open" : "closed"),
            .optional(
                "status_on_error", .integer(400...599), "The answer when auth fails closed.", default: .integer(authDefaults.statusOnError)),
            .optional(
                "invalid_token_probability", .ref("probability"), "Probability that a token is invalid (answered 401).",
                default: .real(authDefaults.invalidTokenProbability)),
        ]).described("Token verification and the introspection cache."),
        "tokenBucket": JSONSchema.object([
            .required("max_tokens", .integer(1...Int(UInt32.max)), "The bucket's size."),
            .optional("tokens_per_fill", .integer(1...Int(UInt32.max)), "Tokens added each fill interval.", default: 1),
            .required(
                "fill_interval", .ref("positiveDuration"),
                "Time between fills; at least \(DurationText.format(LocalRateLimiterConfiguration.minimumFillInterval))."),
        ]).described("An Envoy token bucket, refilled continuously."),
        "localRateLimit": JSONSchema.object([
            .optional("token_bucket", .ref("tokenBucket"), "The bucket for requests no tier descriptor matches."),
            .optional("tiers", .map(names: tiers, values: .ref("tokenBucket")), "A bucket per tenant tier."),
            .optional("enabled", .integer(0...100), "Percent of requests the filter checks.", default: 100),
            .optional("enforced", .integer(0...100), "Percent of limited requests that are refused; the rest are only counted.", default: 100),
        ]).described("Envoy's local rate limit filter with per-tier descriptors."),
        "globalRateLimit": JSONSchema.object([
            .required("service", .ref("text"), "The service whose instances answer ShouldRateLimit calls."),
            .optional("domain", .ref("name"), "The rate-limit domain.", default: "rehearse"),
            .optional("per_tenant", .ref("boolean"), "Count per tenant (true) or per tier (false).", default: true),
            .required("limits", .map(names: tiers, values: .ref("globalLimit")), "A limit per tenant tier."),
            .optional("failure_mode_deny", .ref("boolean"), "Deny requests when the service fails (default: let them through).", default: false),
            .optional("timeout", .ref("positiveDuration"), "Timeout of a call to the service.", default: "100ms"),
            .optional("shadow_mode", .ref("boolean"), "Count and report, but never deny.", default: false),
        ]).described("The global rate limit: a call to the rate-limit service for every request."),
        "globalLimit": JSONSchema.object([
            .optional("unit", .ref("rateLimitUnit"), "The fixed window, aligned to the unit."),
            .optional("requests_per_unit", .integer(0...Int(UInt32.max)), "Requests allowed per window.", default: 0),
            .optional("unlimited", .ref("boolean"), "Never limit (then no unit).", default: false),
        ]).with("oneOf", [
            ["required": ["unit"]],
            ["required": ["unlimited"], "properties": ["unlimited": ["$ref": "#/$defs/true"]]],
        ]).described("requests_per_unit per unit, or unlimited: true.")
            .examples([["unit": "minute", "requests_per_unit": 600], ["unlimited": true]]),
        "rateLimitUnit": JSONSchema.anyOf([
            .choice(RateLimitUnit.allCases.map(\.rawValue)),
            .string(pattern: "^(" + RateLimitUnit.allCases.map(caseInsensitive).joined(separator: "|") + ")$"),
        ]).described("A window: \(RateLimitUnit.allCases.map(\.rawValue).joined(separator: ", ")) (in any case)."),
        "accessLog": JSONSchema.object([
            .optional("buffer", .integer(1...100_000_000), "Records the buffer holds.", default: .integer(logDefaults.bufferRecords)),
            .optional(
                "flush_records", .integer(1...100_000_000),
                "Buffered records that start a flush (at most buffer). Default: \(logDefaults.flushRecords), or buffer if smaller."),
            .optional(
                "flush_interval", .ref("positiveDuration"), "Buffered records are also flushed this often.",
                default: ScalarJSONSchema.duration(logDefaults.flushInterval)),
            .optional(
                "shipper_rate", .number(exclusiveMinimum: 0), "Records per second the shipper writes.", default: .real(logDefaults.shipperRate)),
            .optional(
                "overflow", .choice(["drop", "block"]),
                "When the buffer is full: drop the record (counted) or make the response wait (back-pressure).",
                default: .string(logDefaults.overflow.rawValue)),
        ]).described("Access logging: a bounded buffer flushed by size or interval to a shipper with a finite rate."),
    ]

    /// `RateLimitUnit(configName:)` lowercases the name first.
    private static func caseInsensitive(_ unit: RateLimitUnit) -> String {
        unit.rawValue.map { "[\($0)\($0.uppercased())]" }.joined()
    }
}
