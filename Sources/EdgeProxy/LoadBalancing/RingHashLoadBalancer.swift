import SimKernel

/// The ring-size gauges Envoy reports for a built ring (`ring_hash_lb.*`).
public struct RingHashStats: Sendable, Equatable {
    public var size: UInt64
    public var minHashesPerHost: UInt64
    public var maxHashesPerHost: UInt64

    public init(size: UInt64, minHashesPerHost: UInt64, maxHashesPerHost: UInt64) {
        self.size = size
        self.minHashesPerHost = minHashesPerHost
        self.maxHashesPerHost = maxHashesPerHost
    }
}

/// Envoy's ketama ring (`ring_hash_lb.cc`, `RingHashLoadBalancer::Ring`).
///
/// `scale = min(ceil(min_w × minimum_ring_size) / min_w, maximum_ring_size)`; walking the
/// hosts in order with running sums `target += scale × w_i`, each host adds entries hashing
/// `"<key>_<i>"` (i = 0, 1, …) while `current < target`; the ring is sorted by hash. A lookup
/// returns the first entry whose hash is ≥ the request hash (wrapping to the first entry),
/// ported bit for bit from ketama; a retry attempt `a > 0` moves `a` entries further.
public struct RingHashLoadBalancer: Sendable {
    /// Entry hashes in ascending order.
    public let hashes: [UInt64]
    /// Host index of each entry, parallel to `hashes`.
    private let entryHosts: [Int32]
    /// Gauges of this ring; nil when the ring is empty (Envoy leaves its gauges untouched).
    public let stats: RingHashStats?

    /// Builds the ring. `hashKeys` is indexed by host index.
    public init(normalizedWeights: NormalizedHostWeights, hashKeys: [String], config: RingHashConfig) throws(LoadBalancerConfigError) {
        try config.validate()
        self.init(validated: config, normalizedWeights: normalizedWeights, hashKeys: hashKeys)
    }

    /// A ring over every host of `hashKeys` with `weights` (all 1 if nil), e.g. to check
    /// where a key lands.
    public init(hashKeys: [String], weights: [UInt32]? = nil, config: RingHashConfig = RingHashConfig()) throws(LoadBalancerConfigError) {
        let weights = weights ?? Array(repeating: 1, count: hashKeys.count)
        try self.init(
            normalizedWeights: NormalizedHostWeights(hosts: Array(hashKeys.indices), weights: weights),
            hashKeys: hashKeys, config: config)
    }

    init(validated config: RingHashConfig, normalizedWeights: NormalizedHostWeights, hashKeys: [String]) {
        guard !normalizedWeights.isEmpty else {
            hashes = []
            entryHosts = []
            stats = nil
            return
        }
        let minWeight = normalizedWeights.minWeight
        let scale = min(
            (minWeight * Double(config.minimumRingSize)).rounded(.up) / minWeight,
            Double(config.maximumRingSize))
        let ringSize = UInt64(scale.rounded(.up))

        var entries: [(hash: UInt64, host: Int32)] = []
        entries.reserveCapacity(Int(ringSize))
        var keyBuffer: [UInt8] = []
        var currentHashes = 0.0
        var targetHashes = 0.0
        var minHashes = ringSize
        var maxHashes: UInt64 = 0
        for (position, host) in normalizedWeights.hosts.enumerated() {
            keyBuffer.removeAll(keepingCapacity: true)
            keyBuffer.append(contentsOf: hashKeys[host].utf8)
            keyBuffer.append(UInt8(ascii: "_"))
            let prefixLength = keyBuffer.count
            targetHashes += scale * normalizedWeights.weights[position]
            var index: UInt64 = 0
            while currentHashes < targetHashes {
                keyBuffer.removeSubrange(prefixLength...)
                Self.appendDecimal(index, to: &keyBuffer)
                let hash = keyBuffer.withUnsafeBytes { bytes in
                    switch config.hashFunction {
                    case .xxHash: XXHash64.hash(bytes, seed: 0)
                    case .murmurHash2: MurmurHash2.hash(bytes, seed: MurmurHash2.standardSeed)
                    }
                }
                entries.append((hash, Int32(host)))
                index += 1
                currentHashes += 1
            }
            minHashes = min(index, minHashes)
            maxHashes = max(index, maxHashes)
        }
        entries.sort { $0.hash < $1.hash }
        hashes = entries.map(\.hash)
        entryHosts = entries.map(\.host)
        stats = RingHashStats(size: ringSize, minHashesPerHost: minHashes, maxHashesPerHost: maxHashes)
    }

    public var isEmpty: Bool { hashes.isEmpty }

    /// Host index of ring entry `index`.
    public func host(atEntry index: Int) -> Int { Int(entryHosts[index]) }

    /// The host for request hash `hash`; `attempt > 0` (host-selection retries) moves
    /// `attempt` entries along the ring. Nil when the ring is empty.
    public func chooseHost(hash: UInt64, attempt: Int = 0) -> Int? {
        let size = Int64(hashes.count)
        if size == 0 { return nil }
        // Ported from ketama_get_server; lowp/highp/midp must stay signed.
        var lowp: Int64 = 0
        var highp: Int64 = size
        var midp: Int64 = 0
        while true {
            midp = (lowp + highp) / 2
            if midp == size {
                midp = 0
                break
            }
            let midval = hashes[Int(midp)]
            let midval1: UInt64 = midp == 0 ? 0 : hashes[Int(midp - 1)]
            if hash <= midval && hash > midval1 { break }
            if midval < hash {
                lowp = midp + 1
            } else {
                highp = midp - 1
            }
            if lowp > highp {
                midp = 0
                break
            }
        }
        if attempt > 0 {
            midp = (midp + Int64(attempt)) % size
        }
        return Int(entryHosts[Int(midp)])
    }

    private static func appendDecimal(_ value: UInt64, to buffer: inout [UInt8]) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let end = buffer.count + digits
        buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        rest = value
        var index = end - 1
        while rest > 0 {
            buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
    }
}
