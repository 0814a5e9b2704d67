import Infra
import SimKernel

/// One downstream request inside a proxy, from its arrival to its final response.
struct Exchange {
    enum Phase: UInt8 {
        case free
        /// Waiting for, or on, a worker: request processing.
        case requestCPU
        /// In the cluster's pending queue, waiting for a connection.
        case pending
        /// An attempt is in flight upstream.
        case upstream
        /// Waiting out the retry back-off.
        case backoff
        /// Waiting for, or on, a worker: response processing (also of local replies).
        case responseCPU
    }

    var created = SimTime.zero
    var tenant: UInt32 = 0
    var requestClass: UInt16 = 0
    var clientZone = Zone(0)
    var phase = Phase.free
    /// Changes when the slot is released, so timers and queue entries of a finished request
    /// are recognised as stale.
    var generation: UInt32 = 0
    /// Changes with every attempt and every reset, so late answers and per-try timeouts of an
    /// abandoned attempt are recognised as stale.
    var attemptGeneration: UInt32 = 0
    var cluster: Int32 = -1
    var host: Int32 = -1
    var attempts: UInt8 = 0
    var retriesRemaining: UInt8 = 0
    var holdsRetrySlot = false
    var hasHash = false
    var hash: UInt64 = 0
    /// Hosts already tried, for the previous-hosts retry predicate (most recent four).
    var previousHosts: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
    var backOff = RetryBackOff(baseMilliseconds: 25, maxMilliseconds: 250)
    var attemptStarted = SimTime.zero
    var status: UInt16 = 0
    var flags = ResponseFlags()
    var local = false

    func triedBefore(_ candidate: Int32) -> Bool {
        previousHosts.0 == candidate || previousHosts.1 == candidate || previousHosts.2 == candidate || previousHosts.3 == candidate
    }

    mutating func remember(_ host: Int32) {
        previousHosts = (host, previousHosts.0, previousHosts.1, previousHosts.2)
    }
}

/// The exchanges of one proxy, in a slab addressed by slot; slots are reused.
struct ExchangeTable {
    private(set) var slots: [Exchange] = []
    private var free: [UInt32] = []

    var inUse: Int { slots.count - free.count }

    mutating func allocate() -> UInt32 {
        if let slot = free.popLast() { return slot }
        precondition(slots.count < Int(UInt32.max))
        slots.append(Exchange())
        return UInt32(slots.count - 1)
    }

    mutating func release(_ slot: UInt32) {
        let index = Int(slot)
        slots[index].phase = .free
        slots[index].generation &+= 1
        slots[index].attemptGeneration &+= 1
        free.append(slot)
    }

    subscript(slot: UInt32) -> Exchange {
        get { slots[Int(slot)] }
        _modify { yield &slots[Int(slot)] }
    }
}
