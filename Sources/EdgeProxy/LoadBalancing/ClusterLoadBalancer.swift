/// Counters Envoy keeps per cluster for load balancing.
public struct ClusterLoadBalancerStats: Sendable, Equatable {
    /// `lb_healthy_panic`: picks made while the chosen priority was in panic.
    public var healthyPanic: UInt64 = 0

    public init() {}
}

/// One Envoy load balancer for one upstream cluster (as a worker of one proxy host holds
/// it): the priority and panic machinery of `LoadBalancerBase`, the per-source state of the
/// configured policy, and host-selection retries.
///
/// Hosts are the indices of the endpoint list it was built from. Health changes are cheap
/// (`setHealth` marks the balancer dirty) and the per-priority lists, loads and policy
/// state are rebuilt on the next pick, as Envoy rebuilds them on every host-set update:
/// loads for all priorities; round-robin, least-request and random sources only for the
/// priorities whose hosts changed (the others keep their EDF state); ring and Maglev tables
/// for all priorities. Round-robin positions and the seed survive rebuilds. Picks allocate
/// nothing.
///
/// Host sources per priority: all hosts (used in panic), healthy hosts and degraded hosts,
/// each with its own round-robin position or EDF scheduler. Ring hash and Maglev build one
/// table per priority from its healthy hosts (all hosts in panic), as Envoy's thread-aware
/// balancers do. Zone-aware routing, the locality-weighted choice of a locality for the
/// non-hashing policies, slow start and bounded-load hashing are not modelled.
///
/// Because rebuilds are lazy, several changes between two picks cost one rebuild, and least
/// request seeds its EDF weights with the active request counts of the pick that rebuilds
/// (Envoy: those at the moment of the change).
public struct ClusterLoadBalancer: Sendable {
    enum Kind: Sendable {
        case roundRobin, leastRequest, random, ringHash, maglev
    }

    /// Host source kinds; a source's index is `priority × sourceKinds + kind`.
    static let allHostsSource = 0
    static let healthySource = 1
    static let degradedSource = 2
    static let sourceKinds = 3

    public let policy: LoadBalancerPolicy
    public let common: CommonLoadBalancerConfig
    /// The cluster's endpoints with their current weight and health.
    public internal(set) var endpoints: [UpstreamEndpoint]
    /// Current weight per host index.
    public internal(set) var weights: [UInt32]
    /// Locality weights (index = endpoint `locality`), used with locality-weighted balancing.
    public internal(set) var localityWeights: [UInt32]
    /// `random()` drawn at construction by round robin and least request (0 otherwise).
    public let seed: UInt64
    public internal(set) var stats = ClusterLoadBalancerStats()
    /// Loads and panic state of the last rebuild.
    public internal(set) var priorityLoad = PriorityLoad(counts: [])
    /// Ring gauges of the last non-empty ring built (Envoy's `ring_hash_lb.*` gauges).
    public internal(set) var ringHashStats: RingHashStats?
    /// Table gauges of the last non-empty table built (Envoy's `maglev_lb.*` gauges).
    public internal(set) var maglevStats: MaglevStats?

    let kind: Kind
    let leastRequestConfig: LeastRequestConfig
    let ringHashConfig: RingHashConfig
    let maglevConfig: MaglevConfig
    /// Whether a health or membership change awaits a rebuild.
    public internal(set) var needsRebuild = true
    /// Everything changes at the next rebuild (membership, locality weights, `refresh()`).
    var rebuildAll = true
    /// Priorities whose hosts changed health since the last rebuild.
    var dirtyPriorities: [Bool] = []
    var priorityCount = 1
    var roundRobinSources: [RoundRobinLoadBalancer] = []
    var leastRequestSources: [LeastRequestLoadBalancer] = []
    var randomSources: [RandomLoadBalancer] = []
    var ringHashTables: [RingHashLoadBalancer] = []
    var maglevTables: [MaglevLoadBalancer] = []
    /// Draws taken by preconnect peeks, consumed by the next picks (Envoy's `stashed_random_`).
    var stashedRandom = IndexFIFO<UInt64>()

    /// Builds the balancer. Round robin and least request draw their seed here, as Envoy's
    /// `EdfLoadBalancerBase` does at construction.
    public init<R: EnvoyRandom>(
        endpoints: [UpstreamEndpoint],
        policy: LoadBalancerPolicy = .roundRobin,
        common: CommonLoadBalancerConfig = CommonLoadBalancerConfig(),
        localityWeights: [UInt32] = [],
        random: inout R
    ) throws(LoadBalancerConfigError) {
        try policy.validate()
        self.policy = policy
        self.common = common
        self.endpoints = endpoints
        self.weights = endpoints.map(\.weight)
        self.localityWeights = localityWeights
        var leastRequestConfig = LeastRequestConfig()
        var ringHashConfig = RingHashConfig()
        var maglevConfig = MaglevConfig()
        switch policy {
        case .roundRobin: kind = .roundRobin
        case .leastRequest(let config):
            kind = .leastRequest
            leastRequestConfig = config
        case .random: kind = .random
        case .ringHash(let config):
            kind = .ringHash
            ringHashConfig = config
        case .maglev(let config):
            kind = .maglev
            maglevConfig = config
        }
        self.leastRequestConfig = leastRequestConfig
        self.ringHashConfig = ringHashConfig
        self.maglevConfig = maglevConfig
        switch kind {
        case .roundRobin, .leastRequest: seed = random.random()
        case .random, .ringHash, .maglev: seed = 0
        }
        rebuild(activeRequests: UnsafeBufferPointer(start: nil, count: 0))
    }

    public var hostCount: Int { endpoints.count }

    // MARK: changes

    /// Changes a host's health; the balancer rebuilds on the next pick if it changed.
    public mutating func setHealth(host: Int, _ health: UpstreamEndpoint.Health) {
        guard endpoints[host].health != health else { return }
        endpoints[host].health = health
        let priority = endpoints[host].priority
        if priority < dirtyPriorities.count {
            dirtyPriorities[priority] = true
        } else {
            rebuildAll = true
        }
        needsRebuild = true
    }

    /// `setHealth(host:, healthy ? .healthy : .unhealthy)`.
    public mutating func setHealthy(host: Int, _ healthy: Bool) {
        setHealth(host: host, healthy ? .healthy : .unhealthy)
    }

    /// Changes a host's weight in place, the way an Envoy host's weight changes without a
    /// host-set update: EDF schedulers use it when they next re-add the host; whether a
    /// source is weighted at all, and ring/Maglev tables, change at the next rebuild
    /// (`refresh()` forces one).
    public mutating func setWeight(host: Int, _ weight: UInt32) {
        precondition(weight >= 1, "endpoint weights are at least 1")
        weights[host] = weight
        endpoints[host].weight = weight
    }

    /// Adds a host to the host set or takes it out (an instance entering or leaving service),
    /// keeping every host's index: a membership change, so everything rebuilds at the next
    /// pick, as Envoy rebuilds on a host-set update.
    public mutating func setMembership(host: Int, _ isMember: Bool) {
        guard endpoints[host].isMember != isMember else { return }
        endpoints[host].isMember = isMember
        rebuildAll = true
        needsRebuild = true
    }

    /// Replaces the host set (membership change). Host indices are those of the new list;
    /// round-robin positions per source and the seed are kept, as in Envoy.
    public mutating func replaceEndpoints(_ endpoints: [UpstreamEndpoint]) {
        self.endpoints = endpoints
        weights = endpoints.map(\.weight)
        rebuildAll = true
        needsRebuild = true
    }

    public mutating func setLocalityWeights(_ localityWeights: [UInt32]) {
        self.localityWeights = localityWeights
        rebuildAll = true
        needsRebuild = true
    }

    /// Forces a rebuild of every priority at the next pick, as Envoy's host-set update
    /// callbacks would.
    public mutating func refresh() {
        rebuildAll = true
        needsRebuild = true
    }

    /// Rebuilds now if a change is pending (otherwise the next pick does it). Least request
    /// builds its EDF schedulers with the active request counts given here.
    public mutating func rebuildIfNeeded(activeRequests: UnsafeBufferPointer<UInt32> = UnsafeBufferPointer(start: nil, count: 0)) {
        if needsRebuild { rebuild(activeRequests: activeRequests) }
    }

    /// Whether `priority` is in panic after the last rebuild.
    public func isInPanic(priority: Int) -> Bool {
        priority < priorityLoad.panic.count && priorityLoad.panic[priority]
    }

    // MARK: picks

    /// Chooses a host index, or nil when nothing can be picked (Envoy's `chooseHost`).
    ///
    /// - Parameters:
    ///   - hash: the request hash from the route's hash policy; ring hash and Maglev use
    ///     `random()` when it is nil. Other policies ignore it and draw their own randoms.
    ///   - hostSelectionRetryCount: extra attempts when `shouldSelectAnotherHost` rejects a
    ///     host (retry host predicates); the last host tried is returned if all are rejected.
    ///   - activeRequests: `rq_active` per host index (least request); missing entries are 0.
    ///   - shouldSelectAnotherHost: the retry host predicate.
    ///   - random: Envoy's `random()`.
    public mutating func chooseHost<R: EnvoyRandom>(
        hash: UInt64? = nil,
        hostSelectionRetryCount: Int = 0,
        activeRequests: UnsafeBufferPointer<UInt32> = UnsafeBufferPointer(start: nil, count: 0),
        shouldSelectAnotherHost: (Int) -> Bool = { _ in false },
        random: inout R
    ) -> Int? {
        if needsRebuild { rebuild(activeRequests: activeRequests) }
        let attempts = max(0, hostSelectionRetryCount) + 1
        switch kind {
        case .ringHash, .maglev:
            return chooseHashedHost(
                hash: hash ?? random.random(), attempts: attempts, shouldSelectAnotherHost: shouldSelectAnotherHost)
        case .roundRobin, .leastRequest, .random:
            var host: Int?
            for _ in 0..<attempts {
                host = chooseHostOnce(activeRequests: activeRequests, random: &random)
                guard let chosen = host, shouldSelectAnotherHost(chosen) else { return host }
            }
            return host
        }
    }

    /// `chooseHost` with active request counts in an array indexed by host index.
    public mutating func chooseHost<R: EnvoyRandom>(
        hash: UInt64? = nil,
        hostSelectionRetryCount: Int = 0,
        activeRequests: [UInt32],
        shouldSelectAnotherHost: (Int) -> Bool = { _ in false },
        random: inout R
    ) -> Int? {
        activeRequests.withUnsafeBufferPointer { buffer in
            chooseHost(
                hash: hash, hostSelectionRetryCount: hostSelectionRetryCount, activeRequests: buffer,
                shouldSelectAnotherHost: shouldSelectAnotherHost, random: &random)
        }
    }

    /// Preconnect: the host a later pick will return (Envoy's `peekAnotherHost`). The draw
    /// it takes is stashed and reused by the next pick; at most as many peeks as healthy
    /// hosts may be outstanding. Ring hash and Maglev never peek; least request only when
    /// weighted.
    public mutating func peekAnotherHost<R: EnvoyRandom>(
        activeRequests: UnsafeBufferPointer<UInt32> = UnsafeBufferPointer(start: nil, count: 0),
        random: inout R
    ) -> Int? {
        if needsRebuild { rebuild(activeRequests: activeRequests) }
        switch kind {
        case .ringHash, .maglev: return nil
        case .roundRobin, .leastRequest, .random: break
        }
        if stashedRandom.count >= priorityLoad.totalHealthyHosts { return nil }
        let draw = random.random()
        stashedRandom.append(draw)
        guard let source = hostSource(draw: draw) else { return nil }
        switch kind {
        case .roundRobin: return roundRobinSources[source].peekAnotherHost(weights: weights)
        case .leastRequest: return leastRequestSources[source].peekAnotherHost(weights: weights, activeRequests: activeRequests)
        case .random: return randomSources[source].chooseHost(random: draw)
        case .ringHash, .maglev: return nil
        }
    }

    /// One attempt of the per-source policies (`chooseHostOnce`).
    private mutating func chooseHostOnce<R: EnvoyRandom>(
        activeRequests: UnsafeBufferPointer<UInt32>, random: inout R
    ) -> Int? {
        let draw = stashedRandom.isEmpty ? random.random() : stashedRandom.removeFirst()
        guard let source = hostSource(draw: draw) else { return nil }
        switch kind {
        case .roundRobin:
            return roundRobinSources[source].chooseHost(weights: weights)
        case .leastRequest:
            return leastRequestSources[source].chooseHost(weights: weights, activeRequests: activeRequests, random: &random)
        case .random:
            return randomSources[source].chooseHost(random: draw)
        case .ringHash, .maglev:
            return nil
        }
    }

    /// `hostSourceToUse`: the priority from the draw, then all hosts when it is in panic
    /// (none with `failTrafficOnPanic`), else its healthy or degraded hosts.
    private mutating func hostSource(draw: UInt64) -> Int? {
        let (priority, availability) = priorityLoad.choosePriority(hash: draw)
        let base = priority * Self.sourceKinds
        if priorityLoad.panic[priority] {
            stats.healthyPanic += 1
            return common.failTrafficOnPanic ? nil : base + Self.allHostsSource
        }
        return base + (availability == .healthy ? Self.healthySource : Self.degradedSource)
    }

    /// Ring hash and Maglev (`ThreadAwareLoadBalancerBase::LoadBalancerImpl::chooseHost`):
    /// the request hash picks the priority and the host; retries pass `attempt` to the table.
    private mutating func chooseHashedHost(hash: UInt64, attempts: Int, shouldSelectAnotherHost: (Int) -> Bool) -> Int? {
        let priority = priorityLoad.choosePriority(hash: hash).priority
        if priorityLoad.panic[priority] { stats.healthyPanic += 1 }
        var host: Int?
        for attempt in 0..<attempts {
            host = kind == .ringHash
                ? ringHashTables[priority].chooseHost(hash: hash, attempt: attempt)
                : maglevTables[priority].chooseHost(hash: hash, attempt: attempt)
            guard let chosen = host, shouldSelectAnotherHost(chosen) else { return host }
        }
        return host
    }
}
