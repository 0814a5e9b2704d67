/// A token for a cancellable event: a slot and the slot's generation when it was armed.
public struct CancellationToken: Hashable, Sendable {
    let packed: UInt64

    init(slot: UInt32, generation: UInt32) {
        packed = UInt64(generation) << 32 | UInt64(slot)
    }

    init(packed: UInt64) {
        self.packed = packed
    }

    var slot: Int { Int(truncatingIfNeeded: packed & 0xFFFF_FFFF) }
    var generation: UInt32 { UInt32(truncatingIfNeeded: packed >> 32) }
}

/// Generation counters behind cancellable events. Firing and cancelling both retire a
/// token, and whichever comes first wins, so a cancelled event stays in the calendar as a
/// stale entry that is skipped in O(1) when it surfaces. Slots are reused through a free
/// list: no allocation once warm.
struct CancellationTokens {
    private var generations: [UInt32] = []
    private var free: [UInt32] = []

    mutating func arm() -> CancellationToken {
        if let slot = free.popLast() {
            return CancellationToken(slot: slot, generation: generations[Int(slot)])
        }
        precondition(generations.count < Int(UInt32.max), "too many pending cancellable events")
        generations.append(0)
        return CancellationToken(slot: UInt32(generations.count - 1), generation: 0)
    }

    /// Retires the token; true if it was still armed.
    mutating func retire(_ token: CancellationToken) -> Bool {
        let slot = token.slot
        guard generations[slot] == token.generation else { return false }
        generations[slot] &+= 1
        free.append(UInt32(slot))
        return true
    }

    var armedCount: Int { generations.count - free.count }
}
