/// Envoy's round robin over one host source (`round_robin_lb.h` with
/// `EdfLoadBalancerBase::refresh/chooseHostOnce`).
///
/// With equal weights (or fewer than two hosts) it walks the list from `rrIndex`, which
/// starts at the balancer's seed, so the first host is `seed mod n`. With differing
/// weights it builds an `EDFScheduler` with `createWithPicks(hosts, weight, UInt32(seed))`
/// and re-adds each picked host with its weight at that moment.
///
/// `weights` arguments are indexed by host index (the cluster's table), so a weight changed
/// there affects the EDF the next time that host is re-added, as in Envoy.
public struct RoundRobinLoadBalancer: Sendable {
    /// The host indices of this source, in host-set order.
    public let hosts: [Int]
    /// The next round-robin position (unweighted path). Survives rebuilds in a cluster.
    public var rrIndex: UInt64
    private var scheduler: EDFScheduler?
    /// Peeks ahead of picks (Envoy keeps one such counter per balancer; here per source).
    private var peekaheadIndex: UInt64 = 0

    /// - Parameters:
    ///   - hosts: host indices of the source.
    ///   - weights: weight of every host, indexed by host index.
    ///   - seed: the balancer's seed (`random()` drawn once at construction).
    ///   - rrIndex: the round-robin position to resume from; the seed if nil.
    public init(hosts: [Int], weights: [UInt32], seed: UInt64, rrIndex: UInt64? = nil) {
        self.hosts = hosts
        self.rrIndex = rrIndex ?? seed
        if hosts.count > 1 && !Self.weightsAreEqual(hosts, weights) {
            scheduler = EDFScheduler.createWithPicks(
                entries: hosts, weight: { Double(weights[$0]) }, picks: UInt32(truncatingIfNeeded: seed))
        }
    }

    /// Whether picks go through the EDF scheduler (weights differ).
    public var isWeighted: Bool { scheduler != nil }

    public mutating func chooseHost(weights: [UInt32]) -> Int? {
        if scheduler != nil {
            return scheduler!.pickAndAdd(weight: { Double(weights[$0]) })
        }
        if hosts.isEmpty { return nil }
        if peekaheadIndex > 0 { peekaheadIndex -= 1 }
        let host = hosts[Int(rrIndex % UInt64(hosts.count))]
        rrIndex &+= 1
        return host
    }

    /// The host a later `chooseHost` will return (preconnect). Successive peeks look
    /// further ahead; picks consume them.
    public mutating func peekAnotherHost(weights: [UInt32]) -> Int? {
        if scheduler != nil {
            return scheduler!.peekAgain(weight: { Double(weights[$0]) })
        }
        if hosts.isEmpty { return nil }
        let host = hosts[Int((rrIndex &+ peekaheadIndex) % UInt64(hosts.count))]
        peekaheadIndex += 1
        return host
    }

    /// Forgets unconsumed unweighted peeks (Envoy resets its peek-ahead count whenever any
    /// host source is refreshed).
    mutating func discardPeekahead() {
        peekaheadIndex = 0
    }

    static func weightsAreEqual(_ hosts: [Int], _ weights: [UInt32]) -> Bool {
        guard let first = hosts.first else { return true }
        let weight = weights[first]
        for host in hosts where weights[host] != weight { return false }
        return true
    }
}
