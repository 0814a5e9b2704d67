import Infra
import SimKernel

/// One downstream request inside a proxy, from its arrival to its final response.
struct Exchange {
    enum Phase: UInt8 {
        case free
        /// Waiting for, or on, a worker: request processing.
        case requestCPU
        /// Held by the proxy's filters (authentication, rate limiting).
        case filtering
        /// In the cluster's pending queue, waiting for a connection.
        case pending
        /// An attempt is in flight upstream.
        case upstream
        /// Waiting out the retry back-off.
        case backoff
    }

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

/// The edge's exchanges, indexed by request id (see `RequestContexts`): a request is handled
/// by one proxy, so all proxies can share one table.
final class ExchangeTable {
    private(set) var slots: [Exchange] = []

    /// Makes room for every request id handed out so far.
    func cover(_ id: UInt32) {
        while slots.count <= Int(id) { slots.append(Exchange()) }
    }

    /// Starts a request: its proxy state from a clean slate (generations keep counting).
    func begin(_ id: UInt32) {
        cover(id)
        let index = Int(id)
        let generation = slots[index].generation
        let attemptGeneration = slots[index].attemptGeneration
        slots[index] = Exchange()
        slots[index].generation = generation
        slots[index].attemptGeneration = attemptGeneration
    }

    func end(_ id: UInt32) {
        let index = Int(id)
        slots[index].phase = .free
        slots[index].generation &+= 1
        slots[index].attemptGeneration &+= 1
    }

    subscript(id: UInt32) -> Exchange {
        get { slots[Int(id)] }
        _modify { yield &slots[Int(id)] }
    }
}
