/// Walker's alias method in 8 bytes per entry: draws an index with given relative weights in
/// constant time from 64 random bits.
///
/// The high 32 bits pick a column by multiply-shift (bias at most count / 2^32 per column),
/// the low 32 bits decide between the column and its alias against a 32-bit cutoff (weights
/// resolved to 2^-32). Half the size of GSL's table (a `size_t` and a `double` per entry),
/// which matters at millions of tenants.
public struct CompactAliasTable: Sendable {
    private var cutoffs: [UInt32]
    private var aliases: [UInt32]

    /// Weights must be non-negative and finite; all zero gives an empty table.
    public init(weights: [Double]) {
        precondition(weights.count < Int(UInt32.max) && weights.allSatisfy { $0 >= 0 && $0.isFinite })
        let total = weights.reduce(0, +)
        let count = weights.count
        cutoffs = []
        aliases = []
        guard total > 0 else { return }
        cutoffs = [UInt32](repeating: .max, count: count)
        aliases = (0..<count).map { UInt32($0) }
        // Vose's construction: scaled weights below 1 borrow their remainder from one above.
        var scaled = weights.map { $0 * Double(count) / total }
        var small: [UInt32] = []
        var large: [UInt32] = []
        for (index, value) in scaled.enumerated() {
            if value < 1 { small.append(UInt32(index)) } else { large.append(UInt32(index)) }
        }
        while let below = small.popLast() {
            guard let above = large.last else { break }
            cutoffs[Int(below)] = Self.cutoff(scaled[Int(below)])
            aliases[Int(below)] = above
            scaled[Int(above)] -= 1 - scaled[Int(below)]
            if scaled[Int(above)] < 1 {
                large.removeLast()
                small.append(above)
            }
        }
        // Rounding leaves columns near 1 on either list: they keep themselves.
    }

    public var count: Int { cutoffs.count }

    public var isEmpty: Bool { cutoffs.isEmpty }

    @inline(__always)
    public func sample(_ bits: UInt64) -> Int {
        let column = Int(truncatingIfNeeded: ((bits >> 32) &* UInt64(cutoffs.count)) >> 32)
        return UInt32(truncatingIfNeeded: bits) < cutoffs[column] ? column : Int(aliases[column])
    }

    /// The probability of `index`, from the table itself (for tests).
    public func probability(of index: Int) -> Double {
        let scale = 4_294_967_296.0
        var mass = Double(cutoffs[index]) / scale
        for (column, alias) in aliases.enumerated() where Int(alias) == index && column != index {
            mass += 1 - Double(cutoffs[column]) / scale
        }
        return mass / Double(count)
    }

    /// Bytes of the table's contents (see `TenantPopulation.memoryBytes`).
    public var memoryBytes: Int { (cutoffs.count + aliases.count) * MemoryLayout<UInt32>.stride }

    private static func cutoff(_ probability: Double) -> UInt32 {
        UInt32(min(max(probability, 0) * 4_294_967_296.0, 4_294_967_295.0))
    }
}
