/// Host weights normalised to sum to (at most) 1, the input of ring hash and Maglev
/// (`normalizeHostWeights` / `normalizeLocalityWeights` in `thread_aware_lb_impl.cc`).
///
/// Flat: `w_i = weight_i / Σ weight`. Locality weighted: a host's share is
/// `weight_i × (locality_weight / Σ locality_weights) / Σ weight in its locality`; localities
/// of weight 0 are skipped, and all-zero locality weights give no hosts at all. As in Envoy,
/// locality weights are not adjusted for partial availability, so a weighted locality with
/// no usable host leaves the total below 1.
public struct NormalizedHostWeights: Sendable, Equatable {
    /// Host indices in build order (localities in order, hosts in host-set order).
    public private(set) var hosts: [Int] = []
    /// Normalised weight of each entry of `hosts`.
    public private(set) var weights: [Double] = []
    /// Smallest normalised weight (1 when empty, as Envoy initialises it).
    public private(set) var minWeight: Double = 1.0
    /// Largest normalised weight (0 when empty).
    public private(set) var maxWeight: Double = 0.0

    public init() {}

    /// Flat normalisation of `hosts`, with `weights` indexed by host index.
    public init(hosts: [Int], weights: [UInt32]) {
        append(hosts: hosts, weights: weights, localityWeight: 1.0)
    }

    /// Locality-weighted normalisation: `hostsPerLocality[i]` are the hosts of locality `i`,
    /// whose weight is `localityWeights[i]`.
    public init(hostsPerLocality: [[Int]], localityWeights: [UInt32], weights: [UInt32]) {
        precondition(hostsPerLocality.count == localityWeights.count, "one weight per locality")
        let sum = localityWeights.reduce(UInt64(0)) { $0 + UInt64($1) }
        guard sum > 0 else { return }
        for (locality, hosts) in hostsPerLocality.enumerated() where localityWeights[locality] != 0 {
            append(hosts: hosts, weights: weights, localityWeight: Double(localityWeights[locality]) / Double(sum))
        }
    }

    public var isEmpty: Bool { hosts.isEmpty }
    public var count: Int { hosts.count }

    private mutating func append(hosts newHosts: [Int], weights hostWeights: [UInt32], localityWeight: Double) {
        var sum: UInt64 = 0
        for host in newHosts {
            sum += UInt64(hostWeights[host])
            // Envoy validates endpoints so that this cannot happen; it bails out if it does.
            if sum > UInt64(UInt32.max) { return }
        }
        for host in newHosts {
            let weight = Double(hostWeights[host]) * localityWeight / Double(sum)
            hosts.append(host)
            weights.append(weight)
            minWeight = min(minWeight, weight)
            maxWeight = max(maxWeight, weight)
        }
    }
}
