import Infra
import SimKernel

/// Where the cross-cutting work (authentication, rate limiting, access logging) runs.
public enum SidecarPlacement: String, Sendable, CaseIterable {
    /// A proxy process beside each application instance: its own share of the instance's
    /// CPU, and a hop each way between it and the application.
    case sidecar
    /// The same logic linked into the application: no hop, no proxy overhead.
    case library
    /// The checks run at the edge proxies only (Envoy's ext_authz and rate-limit filters);
    /// instances do nothing of it.
    case edgeOnly = "edge_only"
}

/// Token verification, and the introspection cache in front of the auth service.
public struct AuthConfiguration: Sendable {
    /// The service that answers introspection calls on cache misses.
    public var service: String
    /// CPU to verify a token, spent on every request.
    public var verifyCPU: Distribution
    public var cacheSize: Int
    public var cacheTTL: SimTime
    public var timeout: SimTime
    /// When the auth service fails or times out: let the request through (open) or answer
    /// `statusOnError` (closed).
    public var failOpen: Bool
    public var statusOnError: UInt16
    /// Probability that a token is invalid (the auth service answers 401).
    public var invalidTokenProbability: Double

    public init(
        service: String, verifyCPU: Distribution = .constant(0.000_03), cacheSize: Int = 10_000, cacheTTL: SimTime = .seconds(300),
        timeout: SimTime = .milliseconds(200), failOpen: Bool = false, statusOnError: UInt16 = 503, invalidTokenProbability: Double = 0
    ) {
        self.service = service
        self.verifyCPU = verifyCPU
        self.cacheSize = cacheSize
        self.cacheTTL = cacheTTL
        self.timeout = timeout
        self.failOpen = failOpen
        self.statusOnError = statusOnError
        self.invalidTokenProbability = invalidTokenProbability
    }
}

/// The global rate limit: a rate-limit service called over the network for every request.
public struct GlobalRateLimitConfiguration: Sendable {
    /// The service whose instances answer `ShouldRateLimit` calls.
    public var service: String
    public var domain: String
    /// The service's configuration (its descriptor tree), usually per-tier limits.
    public var limits: TierRateLimits
    public var filter: GlobalRateLimitFilterConfiguration
    public var timeout: SimTime
    public var shadowMode: Bool

    public init(
        service: String, domain: String = "rehearse", limits: TierRateLimits,
        filter: GlobalRateLimitFilterConfiguration = GlobalRateLimitFilterConfiguration(), timeout: SimTime = .milliseconds(100),
        shadowMode: Bool = false
    ) {
        self.service = service
        self.domain = domain
        self.limits = limits
        self.filter = filter
        self.timeout = timeout
        self.shadowMode = shadowMode
    }
}

/// Everything the sidecar (or library, or edge filters) does, and where.
public struct SidecarConfiguration: Sendable {
    public var placement: SidecarPlacement
    /// The services whose instances get the sidecar.
    public var services: [String]
    /// vCPUs of an instance; the sidecar runs on `cpuShare` of them, the library on all.
    public var instanceCores: Int
    public var cpuShare: Double
    /// One way between the application and its sidecar (sidecar placement).
    public var hop: Distribution
    /// CPU the sidecar proxy spends per request, each way (parsing, forwarding).
    public var proxyCPU: Distribution
    public var auth: AuthConfiguration?
    /// The local limiter, with per-tier descriptors (`tier: <name>`).
    public var localRateLimit: LocalRateLimitFilterConfiguration?
    public var globalRateLimit: GlobalRateLimitConfiguration?
    public var accessLog: AccessLogConfiguration?

    public init(
        placement: SidecarPlacement, services: [String], instanceCores: Int = 4, cpuShare: Double = 0.25,
        hop: Distribution = .constant(0.000_05), proxyCPU: Distribution = .constant(0.000_04), auth: AuthConfiguration? = nil,
        localRateLimit: LocalRateLimitFilterConfiguration? = nil, globalRateLimit: GlobalRateLimitConfiguration? = nil,
        accessLog: AccessLogConfiguration? = nil
    ) {
        precondition(instanceCores > 0 && cpuShare > 0 && cpuShare <= 1)
        self.placement = placement
        self.services = services
        self.instanceCores = instanceCores
        self.cpuShare = cpuShare
        self.hop = hop
        self.proxyCPU = proxyCPU
        self.auth = auth
        self.localRateLimit = localRateLimit
        self.globalRateLimit = globalRateLimit
        self.accessLog = accessLog
    }

    /// CPU servers a chain runs on: the sidecar's share of the cores, or all of them.
    public var chainServers: Int {
        placement == .sidecar ? max(1, Int((Double(instanceCores) * cpuShare).rounded())) : instanceCores
    }
}
