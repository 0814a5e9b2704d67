/// How a read is served: eventually consistent (the default), strongly consistent, or
/// inside a transaction.
public enum ReadConsistency: UInt8, Sendable, CaseIterable {
    case eventual
    case strong
    case transactional
}

/// Item sizes to capacity units (aws-spec.md 2.1, all [P]): a read unit is one strongly
/// consistent read per second of up to 4 KB (eventual half, transactional double); a write
/// unit is one write per second of up to 1 KB (transactional double). Sizes round up to the
/// next 4 KB or 1 KB, with 1 KB = 1,024 bytes, and an operation costs at least one unit.
public enum CapacityUnits {
    public static let readBlockBytes = 4_096
    public static let writeBlockBytes = 1_024
    /// The largest item, attribute names and values included: 400 KB.
    public static let maximumItemBytes = 400 * 1_024

    /// Read capacity units for reading an item of `itemBytes` (0 for a missing item).
    public static func read(itemBytes: Int, consistency: ReadConsistency) -> Double {
        precondition(itemBytes >= 0)
        let blocks = Double(max(1, (itemBytes + readBlockBytes - 1) / readBlockBytes))
        switch consistency {
        case .eventual: return blocks / 2
        case .strong: return blocks
        case .transactional: return blocks * 2
        }
    }

    /// Write capacity units for writing an item of `itemBytes`.
    public static func write(itemBytes: Int, transactional: Bool = false) -> Double {
        precondition(itemBytes >= 0)
        let blocks = Double(max(1, (itemBytes + writeBlockBytes - 1) / writeBlockBytes))
        return transactional ? blocks * 2 : blocks
    }
}
