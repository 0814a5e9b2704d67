import SimKernel

/// The table gauges Envoy reports for a built Maglev table (`maglev_lb.*`).
public struct MaglevStats: Sendable, Equatable {
    public var minEntriesPerHost: UInt64
    public var maxEntriesPerHost: UInt64

    public init(minEntriesPerHost: UInt64, maxEntriesPerHost: UInt64) {
        self.minEntriesPerHost = minEntriesPerHost
        self.maxEntriesPerHost = maxEntriesPerHost
    }
}

/// Envoy's Maglev table (`maglev_lb.cc`).
///
/// Hosts are sorted by hash key (so host order does not matter); each gets
/// `offset = xxHash64(key, 0) % M` and `skip = xxHash64(key, 1) % (M − 1) + 1`. Iterations
/// 1, 2, … walk the hosts in that order; a host takes its next free permutation slot
/// `(offset + skip × next) % M` when `iteration × w ≥ target`, then `target += max_w`, until
/// the table is full. A lookup is `table[h % M]`; a retry attempt `a > 0` first does
/// `h ^= 2^64 − a`. A single host is Envoy's degenerate table (stats 1/1).
public struct MaglevLoadBalancer: Sendable {
    /// `M`, a prime.
    public let tableSize: UInt64
    /// Hosts in key order; the table stores positions in this list.
    private let sortedHosts: [Int32]
    /// Slot → position in `sortedHosts`, compact while positions fit 16 bits.
    private let compactSlots: [UInt16]
    private let wideSlots: [Int32]
    /// Gauges of this table; nil when it is empty (Envoy leaves its gauges untouched).
    public let stats: MaglevStats?

    /// Builds the table. `hashKeys` is indexed by host index.
    public init(normalizedWeights: NormalizedHostWeights, hashKeys: [String], config: MaglevConfig = MaglevConfig()) throws(LoadBalancerConfigError) {
        try config.validate()
        self.init(validated: config, normalizedWeights: normalizedWeights, hashKeys: hashKeys)
    }

    /// A table over every host of `hashKeys` with `weights` (all 1 if nil).
    public init(hashKeys: [String], weights: [UInt32]? = nil, config: MaglevConfig = MaglevConfig()) throws(LoadBalancerConfigError) {
        let weights = weights ?? Array(repeating: 1, count: hashKeys.count)
        try self.init(
            normalizedWeights: NormalizedHostWeights(hosts: Array(hashKeys.indices), weights: weights),
            hashKeys: hashKeys, config: config)
    }

    init(validated config: MaglevConfig, normalizedWeights: NormalizedHostWeights, hashKeys: [String]) {
        let tableSize = config.tableSize
        self.tableSize = tableSize
        guard !normalizedWeights.isEmpty else {
            sortedHosts = []
            compactSlots = []
            wideSlots = []
            stats = nil
            return
        }
        // Stable order: by key bytes (as absl::string_view compares), then host index.
        let order = normalizedWeights.hosts.indices.sorted { lhs, rhs in
            let left = hashKeys[normalizedWeights.hosts[lhs]].utf8
            let right = hashKeys[normalizedWeights.hosts[rhs]].utf8
            if left.elementsEqual(right) { return normalizedWeights.hosts[lhs] < normalizedWeights.hosts[rhs] }
            return left.lexicographicallyPrecedes(right)
        }
        sortedHosts = order.map { Int32(normalizedWeights.hosts[$0]) }
        if order.count == 1 {
            compactSlots = []
            wideSlots = []
            stats = MaglevStats(minEntriesPerHost: 1, maxEntriesPerHost: 1)
            return
        }

        let count = order.count
        var offsets = [UInt64](repeating: 0, count: count)
        var skips = [UInt64](repeating: 0, count: count)
        var weights = [Double](repeating: 0, count: count)
        for (position, entry) in order.enumerated() {
            let key = hashKeys[normalizedWeights.hosts[entry]]
            offsets[position] = XXHash64.hash(key, seed: 0) % tableSize
            skips[position] = XXHash64.hash(key, seed: 1) % (tableSize - 1) + 1
            weights[position] = normalizedWeights.weights[entry]
        }
        var targets = [Double](repeating: 0, count: count)
        var next = [UInt64](repeating: 0, count: count)
        var entries = [UInt64](repeating: 0, count: count)
        var table = [Int32](repeating: -1, count: Int(tableSize))
        let maxWeight = normalizedWeights.maxWeight
        var filled: UInt64 = 0
        var iteration: UInt32 = 1
        while filled < tableSize {
            var position = 0
            while position < count && filled < tableSize {
                defer { position += 1 }
                if Double(iteration) * weights[position] < targets[position] { continue }
                targets[position] += maxWeight
                var slot = (offsets[position] &+ skips[position] &* next[position]) % tableSize
                while table[Int(slot)] >= 0 {
                    next[position] &+= 1
                    slot = (offsets[position] &+ skips[position] &* next[position]) % tableSize
                }
                table[Int(slot)] = Int32(position)
                next[position] &+= 1
                entries[position] += 1
                filled += 1
            }
            iteration += 1
        }
        stats = MaglevStats(minEntriesPerHost: min(tableSize, entries.min()!), maxEntriesPerHost: entries.max()!)
        if count <= Int(UInt16.max) + 1 {
            compactSlots = table.map { UInt16(truncatingIfNeeded: $0) }
            wideSlots = []
        } else {
            compactSlots = []
            wideSlots = table
        }
    }

    public var isEmpty: Bool { sortedHosts.isEmpty }

    /// Host index for request hash `hash`; nil when the table is empty.
    public func chooseHost(hash: UInt64, attempt: Int = 0) -> Int? {
        if sortedHosts.count <= 1 { return sortedHosts.first.map(Int.init) }
        var hash = hash
        if attempt > 0 {
            hash ^= ~UInt64(0) &- UInt64(attempt) &+ 1
        }
        let slot = Int(hash % tableSize)
        let position = compactSlots.isEmpty ? Int(wideSlots[slot]) : Int(compactSlots[slot])
        return Int(sortedHosts[position])
    }

    /// Host index owning table slot `slot` (for inspection).
    public func host(atSlot slot: Int) -> Int? {
        chooseHost(hash: UInt64(slot))
    }
}
