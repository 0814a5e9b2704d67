/// Walker's alias method in 8 bytes per entry: draws an index with given relative weights in
/// constant time from 64 random bits.
///
/// The high 32 bits pick a column by multiply-shift (bias at most count / 2^32 per column),
/// the low 32 bits decide between the column and its alias against a 32-bit cutoff (weights
/// resolved to 2^-32). Half the size of GSL's table (a `size_t` and a `double` per entry),
/// which matters at millions of tenants.
public struct CompactAliasTable: Sendable {
    /// Per column, the cutoff in the high 32 bits and the alias in the low 32: one load (and
    /// at most one cache miss) per draw.
    private var entries: [UInt64]

    /// Weights must be non-negative and finite; all zero gives an empty table.
    public init(weights: [Double]) {
        precondition(weights.count < Int(UInt32.max) && weights.allSatisfy { $0 >= 0 && $0.isFinite })
        let total = weights.reduce(0, +)
        let count = weights.count
        entries = []
        guard total > 0 else { return }
        // Columns keep themselves unless they lend to an alias below.
        entries = (0..<count).map { UInt64(UInt32.max) << 32 | UInt64($0) }
        // Vose's construction: scaled weights below 1 borrow their remainder from one above.
        var scaled = weights.map { $0 * Double(count) / total }
        var small: [UInt32] = []
        var large: [UInt32] = []
        for (index, value) in scaled.enumerated() {
            if value < 1 { small.append(UInt32(index)) } else { large.append(UInt32(index)) }
        }
        while let below = small.popLast() {
            guard let above = large.last else { break }
            entries[Int(below)] = UInt64(Self.cutoff(scaled[Int(below)])) << 32 | UInt64(above)
            scaled[Int(above)] -= 1 - scaled[Int(below)]
            if scaled[Int(above)] < 1 {
                large.removeLast()
                small.append(above)
            }
        }
        // Rounding leaves columns near 1 on either list: they keep themselves.
    }

    public var count: Int { entries.count }

    public var isEmpty: Bool { entries.isEmpty }

    @inline(__always)
    public func sample(_ bits: UInt64) -> Int {
        let column = Int(truncatingIfNeeded: ((bits >> 32) &* UInt64(entries.count)) >> 32)
        let entry = entries[column]
        return UInt32(truncatingIfNeeded: bits) < UInt32(truncatingIfNeeded: entry >> 32) ? column : Int(UInt32(truncatingIfNeeded: entry))
    }

    /// The probability of `index`, from the table itself (for tests).
    public func probability(of index: Int) -> Double {
        let scale = 4_294_967_296.0
        func cutoff(_ column: Int) -> Double { Double(UInt32(truncatingIfNeeded: entries[column] >> 32)) / scale }
        var mass = cutoff(index)
        for column in entries.indices where Int(UInt32(truncatingIfNeeded: entries[column])) == index && column != index {
            mass += 1 - cutoff(column)
        }
        return mass / Double(count)
    }

    /// Bytes of the table's contents (see `TenantPopulation.memoryBytes`).
    public var memoryBytes: Int { entries.count * MemoryLayout<UInt64>.stride }

    private static func cutoff(_ probability: Double) -> UInt32 {
        UInt32(min(max(probability, 0) * 4_294_967_296.0, 4_294_967_295.0))
    }
}
