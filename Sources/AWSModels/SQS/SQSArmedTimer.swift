import SimKernel

/// The one calendar event that stands for the earliest deadline of an `SQSIndexedHeap`.
///
/// When an earlier deadline arrives the event is cancelled and scheduled again; when the
/// earliest deadline leaves (the message was deleted), the event is left in place and, when
/// it fires early, re-armed at the heap's new minimum. A steady flow of messages that are
/// deleted in time thus costs about one event per visibility timeout, not one per message.
struct SQSArmedTimer {
    let kind: UInt32
    private(set) var armedAt: SimTime?
    private var token: CancellationToken?

    init(kind: UInt32) {
        self.kind = kind
    }

    /// Makes sure an event fires at `deadline` or earlier (never before now).
    mutating func arm(at deadline: SimTime, target: ComponentID, in simulation: Simulation) {
        let time = max(deadline, simulation.now)
        if let armedAt, armedAt <= time { return }
        if let token { simulation.cancel(token) }
        token = simulation.scheduleCancellable(at: time, target: target, kind: kind)
        armedAt = time
    }

    /// The event fired: nothing is armed any more.
    mutating func fired() {
        armedAt = nil
        token = nil
    }
}
