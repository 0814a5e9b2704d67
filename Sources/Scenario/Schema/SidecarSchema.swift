import EdgeProxy
import Infra
import Sidecar
import SimKernel

/// Reads `sidecar:`: where authentication, rate limiting and access logging run, and how.
///
/// ```yaml
/// sidecar:
///   placement: sidecar                 # sidecar | library | edge_only
///   services: [web]
///   cpu: { cores: 4, share: 0.25 }
///   hop: 50us
///   proxy_cpu: 40us
///   auth: { service: auth, verify_cpu: 30us, cache: { size: 10000, ttl: 5m }, timeout: 200ms, failure_mode: closed }
///   rate_limit:
///     local: { tiers: { free: { max_tokens: 20, tokens_per_fill: 20, fill_interval: 1s } } }
///     global: { service: ratelimit, limits: { free: { unit: minute, requests_per_unit: 600 } } }
///   logging: { buffer: 10000, flush_records: 500, flush_interval: 1s, shipper_rate: 20000, overflow: drop }
/// ```
enum SidecarSchema {
    static func read(_ node: YAMLNode, services: [Platform.Service]) throws(Diagnostic) -> SidecarConfiguration {
        var r = try MappingReader(node, context: "'sidecar'")
        let placementNode = try r.required("placement")
        let placementName = try placementNode.text("'sidecar.placement'")
        guard let placement = SidecarPlacement(rawValue: placementName) else {
            throw Diagnostic.error(
                at: placementNode.location,
                "'sidecar.placement' is one of \(SidecarPlacement.allCases.map(\.rawValue).joined(separator: ", ")), found '\(placementName)'")
        }
        var names: [String] = []
        if let servicesNode = r.optional("services") {
            for item in servicesNode.list() { names.append(try serviceName(item, "'sidecar.services'", services)) }
        }
        if placement != .edgeOnly, names.isEmpty {
            throw Diagnostic.error(at: node.location, "'sidecar' needs 'services': the services whose instances get it")
        }
        var cores = 4
        var share = 0.25
        if let cpu = r.optional("cpu") {
            var c = try MappingReader(cpu, context: "'sidecar.cpu'")
            cores = try c.optional("cores")?.integer("'sidecar.cpu.cores'", in: 1...1024) ?? cores
            if let shareNode = c.optional("share") {
                share = try shareNode.probability("'sidecar.cpu.share'")
                guard share > 0 else { throw Diagnostic.error(at: shareNode.location, "'sidecar.cpu.share' must be above zero") }
            }
            try c.finish()
        }
        var configuration = SidecarConfiguration(placement: placement, services: names, instanceCores: cores, cpuShare: share)
        if let hop = r.optional("hop") { configuration.hop = try DistributionSchema.read(hop, "'sidecar.hop'", values: .durations) }
        if let cpu = r.optional("proxy_cpu") { configuration.proxyCPU = try DistributionSchema.read(cpu, "'sidecar.proxy_cpu'", values: .durations) }
        if let auth = r.optional("auth") { configuration.auth = try readAuth(auth, services) }
        if let limits = r.optional("rate_limit") {
            var l = try MappingReader(limits, context: "'sidecar.rate_limit'")
            if let local = l.optional("local") { configuration.localRateLimit = try readLocal(local) }
            if let global = l.optional("global") { configuration.globalRateLimit = try readGlobal(global, services) }
            try l.finish()
        }
        if let logging = r.optional("logging") { configuration.accessLog = try readLogging(logging) }
        try r.finish()
        return configuration
    }

    private static func serviceName(_ node: YAMLNode, _ what: String, _ services: [Platform.Service]) throws(Diagnostic) -> String {
        let name = try node.text(what)
        guard services.contains(where: { $0.name == name }) else {
            var message = "\(what) names unknown service '\(name)'"
            if let suggestion = MappingReader.closest(to: name, among: services.map(\.name)) { message += "; did you mean '\(suggestion)'?" }
            throw Diagnostic.error(at: node.location, message)
        }
        return name
    }

    private static func readAuth(_ node: YAMLNode, _ services: [Platform.Service]) throws(Diagnostic) -> AuthConfiguration {
        var r = try MappingReader(node, context: "'sidecar.auth'")
        var auth = AuthConfiguration(service: try serviceName(try r.required("service"), "'sidecar.auth.service'", services))
        if let cpu = r.optional("verify_cpu") { auth.verifyCPU = try DistributionSchema.read(cpu, "'sidecar.auth.verify_cpu'", values: .durations) }
        if let cache = r.optional("cache") {
            var c = try MappingReader(cache, context: "'sidecar.auth.cache'")
            auth.cacheSize = try c.optional("size")?.integer("'sidecar.auth.cache.size'", in: 1...100_000_000) ?? auth.cacheSize
            auth.cacheTTL = try c.optional("ttl")?.positiveDuration("'sidecar.auth.cache.ttl'") ?? auth.cacheTTL
            try c.finish()
        }
        auth.timeout = try r.optional("timeout")?.positiveDuration("'sidecar.auth.timeout'") ?? auth.timeout
        if let mode = r.optional("failure_mode") {
            switch try mode.text("'sidecar.auth.failure_mode'") {
            case "open": auth.failOpen = true
            case "closed": auth.failOpen = false
            default: throw Diagnostic.error(at: mode.location, "'sidecar.auth.failure_mode' is open or closed")
            }
        }
        if let status = r.optional("status_on_error") {
            auth.statusOnError = UInt16(try status.integer("'sidecar.auth.status_on_error'", in: 400...599))
        }
        auth.invalidTokenProbability = try r.optional("invalid_token_probability")?.probability("'sidecar.auth.invalid_token_probability'") ?? 0
        try r.finish()
        return auth
    }

    private static func bucket(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> LocalTokenBucketConfiguration {
        var b = try MappingReader(node, context: what)
        let maxTokens = try b.required("max_tokens").integer("\(what) max_tokens", in: 1...Int(UInt32.max))
        let perFill = try b.optional("tokens_per_fill")?.integer("\(what) tokens_per_fill", in: 1...Int(UInt32.max)) ?? 1
        let intervalNode = try b.required("fill_interval")
        let interval = try intervalNode.positiveDuration("\(what) fill_interval")
        guard interval >= LocalRateLimiterConfiguration.minimumFillInterval else {
            throw Diagnostic.error(at: intervalNode.location, "local rate limit token bucket fill timer must be >= 50ms")
        }
        try b.finish()
        return LocalTokenBucketConfiguration(maxTokens: UInt32(maxTokens), tokensPerFill: UInt32(perFill), fillInterval: interval)
    }

    private static func percent(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> FractionalPercent {
        FractionalPercent(numerator: UInt32(try node.integer(what, in: 0...100)))
    }

    private static func readLocal(_ node: YAMLNode) throws(Diagnostic) -> LocalRateLimitFilterConfiguration {
        var r = try MappingReader(node, context: "'sidecar.rate_limit.local'")
        let defaultBucket = try r.optional("token_bucket").map { (n) throws(Diagnostic) in try bucket(n, "'sidecar.rate_limit.local.token_bucket'") }
        var tiers: [Tier: LocalTokenBucketConfiguration] = [:]
        if let tiersNode = r.optional("tiers") {
            var t = try MappingReader(tiersNode, context: "'sidecar.rate_limit.local.tiers'")
            for entry in t.allEntries() {
                let tier = try tierName(entry.key, at: entry.keyLocation)
                tiers[tier] = try bucket(entry.value, "'sidecar.rate_limit.local.tiers.\(entry.key)'")
            }
        }
        let enabled = try r.optional("enabled").map { (n) throws(Diagnostic) in try percent(n, "'sidecar.rate_limit.local.enabled'") } ?? FractionalPercent(numerator: 100)
        let enforced = try r.optional("enforced").map { (n) throws(Diagnostic) in try percent(n, "'sidecar.rate_limit.local.enforced'") } ?? FractionalPercent(numerator: 100)
        try r.finish()
        let limiter = LocalRateLimiterConfiguration(tokenBucket: defaultBucket, descriptors: TierRateLimits.localDescriptors(tiers))
        do {
            try limiter.validate()
        } catch {
            throw Diagnostic.error(at: node.location, "\(error)")
        }
        return LocalRateLimitFilterConfiguration(limiter: limiter, filterEnabled: enabled, filterEnforced: enforced)
    }

    private static func tierName(_ name: String, at location: SourceLocation) throws(Diagnostic) -> Tier {
        guard let tier = Tier.allCases.first(where: { $0.name == name }) else {
            throw Diagnostic.error(at: location, "unknown tier '\(name)' (tiers: \(Tier.allCases.map(\.name).joined(separator: ", ")))")
        }
        return tier
    }

    private static func readGlobal(_ node: YAMLNode, _ services: [Platform.Service]) throws(Diagnostic) -> GlobalRateLimitConfiguration {
        var r = try MappingReader(node, context: "'sidecar.rate_limit.global'")
        let service = try serviceName(try r.required("service"), "'sidecar.rate_limit.global.service'", services)
        let domain = try r.optional("domain")?.name("'sidecar.rate_limit.global.domain'") ?? "rehearse"
        let perTenant = try r.optional("per_tenant")?.boolean("'sidecar.rate_limit.global.per_tenant'") ?? true
        var limits: [Tier: RateLimitPolicy] = [:]
        let limitsNode = try r.required("limits")
        var l = try MappingReader(limitsNode, context: "'sidecar.rate_limit.global.limits'")
        for entry in l.allEntries() {
            let tier = try tierName(entry.key, at: entry.keyLocation)
            let what = "'sidecar.rate_limit.global.limits.\(entry.key)'"
            var p = try MappingReader(entry.value, context: what)
            let unlimited = try p.optional("unlimited")?.boolean("\(what) unlimited") ?? false
            let unit = try p.optional("unit")?.text("\(what) unit") ?? ""
            let requests = try p.optional("requests_per_unit")?.integer("\(what) requests_per_unit", in: 0...Int(UInt32.max)) ?? 0
            try p.finish()
            do {
                limits[tier] = try RateLimitPolicy(requestsPerUnit: UInt32(requests), unitName: unit, unlimited: unlimited)
            } catch {
                throw Diagnostic.error(at: entry.value.location, "\(what): \(error)")
            }
        }
        var filter = GlobalRateLimitFilterConfiguration()
        filter.failureModeDeny = try r.optional("failure_mode_deny")?.boolean("'sidecar.rate_limit.global.failure_mode_deny'") ?? false
        let timeout = try r.optional("timeout")?.positiveDuration("'sidecar.rate_limit.global.timeout'") ?? .milliseconds(100)
        let shadow = try r.optional("shadow_mode")?.boolean("'sidecar.rate_limit.global.shadow_mode'") ?? false
        try r.finish()
        do {
            _ = try RateLimitServiceConfig(domains: [TierRateLimits(limits: limits, perTenant: perTenant).serviceDomain(domain)])
        } catch {
            throw Diagnostic.error(at: limitsNode.location, "'sidecar.rate_limit.global.limits': \(error)")
        }
        return GlobalRateLimitConfiguration(
            service: service, domain: domain, limits: TierRateLimits(limits: limits, perTenant: perTenant), filter: filter,
            timeout: timeout, shadowMode: shadow)
    }

    private static func readLogging(_ node: YAMLNode) throws(Diagnostic) -> AccessLogConfiguration {
        var r = try MappingReader(node, context: "'sidecar.logging'")
        var log = AccessLogConfiguration()
        log.bufferRecords = try r.optional("buffer")?.integer("'sidecar.logging.buffer'", in: 1...100_000_000) ?? log.bufferRecords
        let flushNode = r.optional("flush_records")
        log.flushRecords = try flushNode?.integer("'sidecar.logging.flush_records'", in: 1...100_000_000) ?? min(log.flushRecords, log.bufferRecords)
        if log.flushRecords > log.bufferRecords {
            throw Diagnostic.error(at: flushNode?.location ?? node.location, "'sidecar.logging.flush_records' cannot exceed the buffer")
        }
        log.flushInterval = try r.optional("flush_interval")?.positiveDuration("'sidecar.logging.flush_interval'") ?? log.flushInterval
        log.shipperRate = try r.optional("shipper_rate")?.positiveNumber("'sidecar.logging.shipper_rate' (records per second)") ?? log.shipperRate
        if let overflow = r.optional("overflow") {
            let name = try overflow.text("'sidecar.logging.overflow'")
            guard let value = AccessLogConfiguration.Overflow(rawValue: name) else {
                throw Diagnostic.error(at: overflow.location, "'sidecar.logging.overflow' is drop or block")
            }
            log.overflow = value
        }
        try r.finish()
        return log
    }
}
