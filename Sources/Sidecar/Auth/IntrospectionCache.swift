import SimKernel

/// The sidecar's cache of token introspection results: keyed by (tenant, user), each entry
/// valid for a TTL, at most `capacity` entries with the least recently used evicted first.
///
/// Fixed storage: an open-addressing table (linear probing, backward-shift deletion) over
/// entry slots linked in recency order, so lookups and inserts allocate nothing and never
/// iterate in an order that could reach results.
public struct IntrospectionCache: Sendable {
    public let capacity: Int
    public let ttl: SimTime
    private var keys: [UInt64]
    private var expiries: [SimTime]
    private var newer: [Int32]
    private var older: [Int32]
    /// Table of entry slots by hash position; -1 is empty.
    private var table: [Int32]
    private let mask: Int
    private var newest: Int32 = -1
    private var oldest: Int32 = -1
    private var freeSlots: [Int32]
    public private(set) var count = 0

    public init(capacity: Int, ttl: SimTime) {
        precondition(capacity > 0 && ttl > .zero, "a cache needs room and a positive TTL")
        self.capacity = capacity
        self.ttl = ttl
        keys = Array(repeating: 0, count: capacity)
        expiries = Array(repeating: .zero, count: capacity)
        newer = Array(repeating: -1, count: capacity)
        older = Array(repeating: -1, count: capacity)
        var size = 2
        while size < capacity * 2 { size *= 2 }
        table = Array(repeating: -1, count: size)
        mask = size - 1
        freeSlots = (0..<Int32(capacity)).reversed()
    }

    public static func key(tenant: UInt32, user: UInt32) -> UInt64 { UInt64(tenant) << 32 | UInt64(user) }

    /// True when `key` holds an unexpired entry; the entry becomes the most recently used. An
    /// expired entry is removed.
    public mutating func lookup(_ key: UInt64, at now: SimTime) -> Bool {
        guard let position = find(key) else { return false }
        let slot = table[position]
        if expiries[Int(slot)] <= now {
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
            let slot = table[position]
            expiries[Int(slot)] = now + ttl
            unlink(slot)
            pushNewest(slot)
            return
        }
        if count == capacity, let position = find(keys[Int(oldest)]) {
            remove(at: position)
        }
        let slot = freeSlots.removeLast()
        keys[Int(slot)] = key
        expiries[Int(slot)] = now + ttl
        pushNewest(slot)
        var position = Self.hash(key) & mask
        while table[position] >= 0 { position = (position + 1) & mask }
        table[position] = slot
        count += 1
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
            let slot = table[position]
            if slot < 0 { return nil }
            if keys[Int(slot)] == key { return position }
            position = (position + 1) & mask
        }
    }

    /// Removes the entry at table `position`, shifting later entries of its probe run back so
    /// that no tombstone is needed.
    private mutating func remove(at position: Int) {
        let slot = table[position]
        unlink(slot)
        freeSlots.append(slot)
        count -= 1
        var hole = position
        var next = (position + 1) & mask
        while table[next] >= 0 {
            let home = Self.hash(keys[Int(table[next])]) & mask
            // Move the entry back if its home is not in the (hole, next] range of the run.
            let distanceToNext = (next - home) & mask
            let distanceToHole = (next - hole) & mask
            if distanceToNext >= distanceToHole {
                table[hole] = table[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        table[hole] = -1
    }

    private mutating func unlink(_ slot: Int32) {
        let before = older[Int(slot)], after = newer[Int(slot)]
        if before >= 0 { newer[Int(before)] = after } else if oldest == slot { oldest = after }
        if after >= 0 { older[Int(after)] = before } else if newest == slot { newest = before }
        older[Int(slot)] = -1
        newer[Int(slot)] = -1
    }

    private mutating func pushNewest(_ slot: Int32) {
        older[Int(slot)] = newest
        newer[Int(slot)] = -1
        if newest >= 0 { newer[Int(newest)] = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}
