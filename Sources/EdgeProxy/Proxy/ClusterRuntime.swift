import Infra
import SimKernel

/// The hosts of a cluster as every proxy shares them: where to send, which zone, which
/// instance to ask about health.
struct ClusterHosts {
    let targets: [ComponentID]
    let zones: [Zone]
    let instances: [ServiceInstance]
    /// Priority of each host: 0 for the cluster's service, then one per failover service.
    let priorities: [Int]
}

/// One proxy's own state for one cluster: Envoy keeps load balancer, circuit breakers,
/// outlier detector, health checker and active request counts per process.
struct ClusterRuntime {
    let index: Int
    var loadBalancer: ClusterLoadBalancer
    var breakers: CircuitBreakers
    var outlier: OutlierDetector?
    var health: HealthChecker?
    /// `rq_active` per host, from this proxy.
    let activeRequests: HostCounts
    /// Requests waiting for a connection: (slot, generation).
    var pending = FIFOQueue<(slot: UInt32, generation: UInt32)>()

    /// A host receives traffic when its health check (if any) passes and it is not ejected.
    func isAvailable(_ host: Int) -> Bool {
        (health?.isHealthy(host) ?? true) && !(outlier?.isEjected(host) ?? false)
    }

    mutating func updateBalancer(host: Int) {
        loadBalancer.setHealthy(host: host, isAvailable(host))
    }
}

/// A count per host in fixed storage: the balancer reads it while the cluster's own state is
/// being changed, which an array inside that state would forbid (overlapping access).
final class HostCounts {
    let counts: UnsafeMutableBufferPointer<UInt32>

    init(hosts: Int) {
        counts = .allocate(capacity: hosts)
        counts.initialize(repeating: 0)
    }

    deinit {
        counts.deallocate()
    }

    subscript(host: Int) -> UInt32 {
        get { counts[host] }
        set { counts[host] = newValue }
    }

    var readOnly: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(counts) }
}
