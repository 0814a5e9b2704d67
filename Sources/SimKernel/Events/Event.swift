/// Identifies a registered component: an index into the simulation's component table.
public struct ComponentID: Hashable, Sendable {
    public let index: UInt32

    public init(index: UInt32) {
        self.index = index
    }
}

/// One entry of the event calendar: 32 bytes, no references, so the calendar is a flat
/// array the heap moves with plain copies.
///
/// `order` packs the insertion sequence number (high 44 bits) above the target component
/// (low 20 bits). Sequence numbers are unique, so comparing `(time, order)` is comparing
/// `(time, sequence)`: ties in time break by insertion order, as determinism requires.
public struct Event: Sendable {
    public var time: SimTime
    var order: UInt64
    /// What the target should do; each component defines its own kinds (below 2^31).
    public var kind: UInt32
    /// A small payload, usually an index into the target's own tables (a job, a server).
    public var subject: UInt32
    /// A second payload; cancellable events keep their token here.
    public var argument: UInt64

    static let targetBits: UInt64 = 20
    static let targetMask: UInt64 = (1 << targetBits) - 1
    /// Limits that follow from the packing; `Simulation` checks them.
    public static let maximumComponents = 1 << 20
    public static let maximumSequence: UInt64 = 1 << 44

    public init(time: SimTime, sequence: UInt64, target: ComponentID, kind: UInt32, subject: UInt32, argument: UInt64) {
        self.time = time
        self.order = sequence << Event.targetBits | UInt64(target.index)
        self.kind = kind
        self.subject = subject
        self.argument = argument
    }

    public var target: ComponentID { ComponentID(index: UInt32(truncatingIfNeeded: order & Event.targetMask)) }

    public var sequence: UInt64 { order >> Event.targetBits }

    static func precedes(_ lhs: Event, _ rhs: Event) -> Bool {
        lhs.key < rhs.key
    }

    /// `(time, order)` as one unsigned 128-bit number, so that the heap compares events with
    /// one branch-free comparison. Calendar times are never negative (nothing is scheduled
    /// before time zero), so the bit pattern of the time orders as the time does.
    var key: UInt128 {
        UInt128(UInt64(bitPattern: time.nanoseconds)) << 64 | UInt128(order)
    }
}
