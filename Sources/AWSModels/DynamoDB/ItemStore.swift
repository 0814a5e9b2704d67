import SimKernel

/// The table's items, by key: the state the model needs, its size, the state before the last
/// write (what a stale read returns) and when that write happened, and the item's index key.
/// A dictionary that is only ever looked up by key, never iterated, so its order cannot reach
/// the results.
struct ItemStore {
    struct Stored {
        var state: DynamoDBItemState
        var bytes: UInt32
        var previous: DynamoDBItemState
        var writtenAt: SimTime
        var indexKey: UInt64
        var hasIndexKey: Bool

        /// The item's index key, if the item exists and has one.
        var currentIndexKey: UInt64? { state.exists && hasIndexKey ? indexKey : nil }
    }

    private var items: [UInt64: Stored]
    /// Items that exist now.
    private(set) var existing = 0

    init(expectedItems: Int) {
        items = Dictionary(minimumCapacity: expectedItems)
    }

    func item(_ key: UInt64) -> Stored? {
        items[key]
    }

    /// Stores the item's new state after a write at `time`.
    mutating func write(_ key: UInt64, state: DynamoDBItemState, bytes: Int, indexKey: UInt64?, at time: SimTime) {
        let previous = items[key]?.state ?? .missing
        if previous.exists != state.exists { existing += state.exists ? 1 : -1 }
        items[key] = Stored(
            state: state, bytes: UInt32(bytes), previous: previous, writtenAt: time,
            indexKey: indexKey ?? 0, hasIndexKey: indexKey != nil)
    }

    /// Stores an item as if it had always been there (no stale window).
    mutating func preload(_ key: UInt64, state: DynamoDBItemState, bytes: Int, indexKey: UInt64?) {
        let previous = items[key]?.state ?? .missing
        if previous.exists != state.exists { existing += state.exists ? 1 : -1 }
        items[key] = Stored(
            state: state, bytes: UInt32(bytes), previous: state, writtenAt: SimTime(nanoseconds: .min / 2),
            indexKey: indexKey ?? 0, hasIndexKey: indexKey != nil)
    }
}
