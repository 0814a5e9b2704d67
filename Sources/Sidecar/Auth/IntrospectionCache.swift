import SimKernel

/// The sidecar's cache of token introspection results: keyed by (tenant, user), each entry
/// valid for a TTL, at most `capacity` entries with the least recently used evicted first.
///
/// Storage: an open-addressing table (linear probing, backward-shift deletion) of keys with
/// their entry slots, over entries linked in recency order, so lookups never iterate in an
/// order that could reach results. A key sits in its table cell so that a probe reads one
/// cache line, not one per candidate. The table and the entries grow with the cache, up to
/// what `capacity` needs: a fleet lists a sidecar for every instance it may ever run, and
/// most of those caches stay small; once a cache is full, nothing allocates.
public struct IntrospectionCache: Sendable {
    public let capacity: Int
    public let ttl: SimTime

    private struct Cell {
        var key: UInt64 = 0
        /// The entry's slot; -1 for an empty cell.
        var slot: Int32 = -1
    }

    private struct Entry {
        var key: UInt64 = 0
        var expiry = SimTime.zero
        var newer: Int32 = -1
        var older: Int32 = -1
    }

    private var cells: [Cell]
    private var entries: [Entry] = []
    private var mask: Int
    /// The table's size when the cache is full: at least twice the capacity, so probe runs
    /// stay short.
    private let largestTable: Int
    private var newest: Int32 = -1
    private var oldest: Int32 = -1
    /// Slots of removed entries, reused before the entries grow.
    private var freeSlots: [Int32] = []
    public private(set) var count = 0

    public init(capacity: Int, ttl: SimTime) {
        precondition(capacity > 0 && ttl > .zero, "a cache needs room and a positive TTL")
        self.capacity = capacity
        self.ttl = ttl
        var size = 2
        while size < capacity * 2 { size *= 2 }
        largestTable = size
        let initial = min(size, 1_024)
        cells = Array(repeating: Cell(), count: initial)
        mask = initial - 1
    }

    public static func key(tenant: UInt32, user: UInt32) -> UInt64 { UInt64(tenant) << 32 | UInt64(user) }

    /// True when `key` holds an unexpired entry; the entry becomes the most recently used. An
    /// expired entry is removed.
    public mutating func lookup(_ key: UInt64, at now: SimTime) -> Bool {
        guard let position = find(key) else { return false }
        let slot = cells[position].slot
        if entries[Int(slot)].expiry <= now {
            remove(at: position)
            return false
        }
        unlink(slot)
        pushNewest(slot)
        return true
    }

    /// Stores `key` until `now + ttl`, evicting the least recently used entry when full.
    public mutating func insert(_ key: UInt64, at now: SimTime) {
        if let position = find(key) {
            let slot = cells[position].slot
            entries[Int(slot)].expiry = now + ttl
            unlink(slot)
            pushNewest(slot)
            return
        }
        if count == capacity, let position = find(entries[Int(oldest)].key) {
            remove(at: position)
        }
        if 2 * (count + 1) > cells.count && cells.count < largestTable { grow() }
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = Int32(entries.count)
            entries.append(Entry())
        }
        entries[Int(slot)].key = key
        entries[Int(slot)].expiry = now + ttl
        pushNewest(slot)
        place(Cell(key: key, slot: slot))
        count += 1
    }

    private mutating func place(_ cell: Cell) {
        var position = Self.hash(cell.key) & mask
        while cells[position].slot >= 0 { position = (position + 1) & mask }
        cells[position] = cell
    }

    /// Doubles the table and puts every key back in its new place.
    private mutating func grow() {
        let old = cells
        cells = Array(repeating: Cell(), count: old.count * 2)
        mask = cells.count - 1
        for cell in old where cell.slot >= 0 { place(cell) }
    }

    private static func hash(_ key: UInt64) -> Int {
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: z ^ (z >> 31))
    }

    private func find(_ key: UInt64) -> Int? {
        var position = Self.hash(key) & mask
        while true {
            let cell = cells[position]
            if cell.slot < 0 { return nil }
            if cell.key == key { return position }
            position = (position + 1) & mask
        }
    }

    /// Removes the entry at table `position`, shifting later entries of its probe run back so
    /// that no tombstone is needed.
    private mutating func remove(at position: Int) {
        let slot = cells[position].slot
        unlink(slot)
        freeSlots.append(slot)
        count -= 1
        var hole = position
        var next = (position + 1) & mask
        while cells[next].slot >= 0 {
            let home = Self.hash(cells[next].key) & mask
            // Move the entry back if its home is not in the (hole, next] range of the run.
            let distanceToNext = (next - home) & mask
            let distanceToHole = (next - hole) & mask
            if distanceToNext >= distanceToHole {
                cells[hole] = cells[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        cells[hole] = Cell()
    }

    private mutating func unlink(_ slot: Int32) {
        let before = entries[Int(slot)].older, after = entries[Int(slot)].newer
        if before >= 0 { entries[Int(before)].newer = after } else if oldest == slot { oldest = after }
        if after >= 0 { entries[Int(after)].older = before } else if newest == slot { newest = before }
        entries[Int(slot)].older = -1
        entries[Int(slot)].newer = -1
    }

    private mutating func pushNewest(_ slot: Int32) {
        entries[Int(slot)].older = newest
        entries[Int(slot)].newer = -1
        if newest >= 0 { entries[Int(newest)].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}
