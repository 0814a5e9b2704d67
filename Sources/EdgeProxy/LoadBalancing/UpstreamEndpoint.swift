/// One host of an upstream cluster as the load balancer sees it. A cluster's endpoints are
/// addressed by their index in the list the balancer was built from.
public struct UpstreamEndpoint: Sendable, Equatable {
    /// Envoy's coarse host health. `excluded` hosts (e.g. waiting for their first active
    /// health check with `ignore_new_hosts_until_first_hc`) count as unhealthy and are also
    /// left out of the host count the priority health is computed over; like every host they
    /// remain candidates when their priority is in panic.
    public enum Health: UInt8, Sendable {
        case healthy
        case degraded
        case unhealthy
        case excluded
    }

    /// The string ring hash and Maglev hash: Envoy uses the metadata `envoy.lb/hash_key` if
    /// set, else the hostname with `use_hostname_for_hashing`, else the address `ip:port`
    /// (e.g. `10.0.1.7:8080`). The caller resolves that choice.
    public var hashKey: String
    /// `load_balancing_weight`, at least 1.
    public var weight: UInt32
    /// Index of the endpoint's locality in the cluster's locality weights.
    public var locality: Int
    /// Priority level (0 is the highest).
    public var priority: Int
    /// Health when the balancer is built; later changes go through the balancer.
    public var health: Health
    /// Whether the host is in the cluster's host set now (service discovery: an instance in
    /// service). A host outside it is invisible: not counted in its priority, never picked,
    /// not even in panic. Clusters over a fleet list every instance the fleet may run and
    /// change membership as instances enter and leave service.
    public var isMember: Bool

    public init(hashKey: String, weight: UInt32 = 1, locality: Int = 0, priority: Int = 0, health: Health = .healthy, isMember: Bool = true) {
        precondition(weight >= 1, "endpoint weights are at least 1")
        precondition(locality >= 0 && priority >= 0, "locality and priority are non-negative indices")
        self.hashKey = hashKey
        self.weight = weight
        self.locality = locality
        self.priority = priority
        self.health = health
        self.isMember = isMember
    }
}
