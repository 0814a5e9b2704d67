import Infra
import SimKernel

/// Everything the edge needs to be built: its proxies, routes, clusters and traffic.
public struct EdgeConfiguration: Sendable {
    public struct Proxies: Sendable {
        public var count: Int
        /// Proxies are spread over these zones in turn.
        public var zones: [Zone]
        /// Envoy worker threads per proxy host.
        public var workers: Int
        /// CPU time a worker spends on a request before it goes upstream (routing, filters).
        public var requestCPU: Distribution
        /// CPU time a worker spends on the response (and on local replies).
        public var responseCPU: Distribution

        public init(count: Int, zones: [Zone], workers: Int, requestCPU: Distribution, responseCPU: Distribution) {
            precondition(count > 0 && !zones.isEmpty && workers > 0)
            self.count = count
            self.zones = zones
            self.workers = workers
            self.requestCPU = requestCPU
            self.responseCPU = responseCPU
        }
    }

    public struct Cluster: Sendable {
        public var name: String
        /// The upstream service whose instances are the cluster's hosts (priority 0).
        public var service: String
        /// Services whose instances are the cluster's lower priorities (1, 2, ...): traffic
        /// spills over to them as the higher priorities lose health.
        public var failover: [String] = []
        public var policy: LoadBalancerPolicy
        public var common: CommonLoadBalancerConfig
        public var circuitBreakers: CircuitBreakerThresholds
        public var outlierDetection: OutlierDetectionConfiguration?
        public var healthCheck: HealthCheckConfiguration?
        /// Report requests per host (`edge.cluster.<name>.host.<i>`).
        public var perHostStatistics: Bool

        public init(
            name: String, service: String, policy: LoadBalancerPolicy = .roundRobin,
            common: CommonLoadBalancerConfig = CommonLoadBalancerConfig(),
            circuitBreakers: CircuitBreakerThresholds = CircuitBreakerThresholds(),
            outlierDetection: OutlierDetectionConfiguration? = nil, healthCheck: HealthCheckConfiguration? = nil,
            perHostStatistics: Bool = false
        ) {
            self.name = name
            self.service = service
            self.policy = policy
            self.common = common
            self.circuitBreakers = circuitBreakers
            self.outlierDetection = outlierDetection
            self.healthCheck = healthCheck
            self.perHostStatistics = perHostStatistics
        }
    }

    public var proxies: Proxies
    public var routes: RouteConfiguration
    public var clusters: [Cluster]
    public var network: NetworkLatency
    /// Client to proxy (and back) latency.
    public var clientLatency: Distribution
    /// Whether the network load balancer may send a client to a proxy in another zone even
    /// when its own zone has one.
    public var crossZoneLoadBalancing: Bool

    public init(
        proxies: Proxies, routes: RouteConfiguration, clusters: [Cluster], network: NetworkLatency,
        clientLatency: Distribution, crossZoneLoadBalancing: Bool = false
    ) {
        self.proxies = proxies
        self.routes = routes
        self.clusters = clusters
        self.network = network
        self.clientLatency = clientLatency
        self.crossZoneLoadBalancing = crossZoneLoadBalancing
    }
}
