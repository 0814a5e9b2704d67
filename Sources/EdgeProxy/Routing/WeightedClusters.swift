/// `weighted_clusters`: the upstream cluster is drawn per request.
///
/// `v = random_value % total`; the clusters occupy consecutive intervals `[0, w1)`,
/// `[w1, w1 + w2)`, … in configuration order, and the one containing `v` is chosen
/// (`WeightedClusterSpecifierPlugin::pickWeightedCluster`). A weight of 0 is allowed and never
/// chosen.
public struct WeightedClusters: Sendable {
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let weight: UInt32

        public init(_ name: String, weight: UInt32) {
            self.name = name
            self.weight = weight
        }
    }

    public let clusters: [Entry]
    public let totalWeight: UInt64

    public init(_ clusters: [Entry]) throws(RouteConfigurationError) {
        guard !clusters.isEmpty else { throw .noWeightedClusters }
        var total: UInt64 = 0
        for cluster in clusters {
            guard !cluster.name.isEmpty else { throw .emptyClusterName }
            total += UInt64(cluster.weight)
            guard total <= UInt64(UInt32.max) else { throw .totalWeightOverflow(total: total) }
        }
        guard total > 0 else { throw .zeroTotalWeight }
        self.clusters = clusters
        self.totalWeight = total
    }

    /// The index in `clusters` chosen by `randomValue` (Envoy's per-stream random value).
    public func pickIndex(randomValue: UInt64) -> Int {
        let selected = randomValue % totalWeight
        var end: UInt64 = 0
        for (index, cluster) in clusters.enumerated() {
            end += UInt64(cluster.weight)
            if selected < end { return index }
        }
        preconditionFailure("a value below the total weight always falls in an interval")
    }
}
