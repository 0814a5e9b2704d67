/// Timeouts that all last the same `duration` expire in the order they were set, so they can
/// wait in a FIFO list served by a single calendar event: libevent's "common timeouts".
///
/// Setting a timeout is an append; a timeout whose subject finished first is not removed but
/// recognised as stale (by the owner's `isLive`) when it reaches the front. The owner keeps
/// one pending timer event, at the deadline of the oldest live entry, so a stream of requests
/// that all finish in time costs about one event per `duration`, not one per request.
public struct CommonTimeouts {
    public struct Entry: Sendable, Equatable {
        public var deadline: SimTime
        public var subject: UInt32
        public var generation: UInt32
    }

    public let duration: SimTime
    private var entries = FIFOQueue<Entry>()
    /// When the owner's pending timer event fires, if one is pending.
    public private(set) var armedAt: SimTime?

    public init(duration: SimTime) {
        precondition(duration > .zero, "a timeout must last longer than zero")
        self.duration = duration
    }

    /// Starts a timeout for `(subject, generation)` at `now`. Returns the time at which the owner
    /// must schedule its timer event, when none is pending.
    public mutating func start(subject: UInt32, generation: UInt32, at now: SimTime) -> SimTime? {
        let deadline = now + duration
        entries.append(Entry(deadline: deadline, subject: subject, generation: generation))
        guard armedAt == nil else { return nil }
        armedAt = deadline
        return deadline
    }

    /// Called when the timer event fires: removes and returns the next entry that has expired by
    /// `now` and is still live, dropping stale ones on the way; nil when none is left.
    public mutating func nextExpired(at now: SimTime, isLive: (Entry) -> Bool) -> Entry? {
        armedAt = nil
        while let head = entries.first, head.deadline <= now {
            _ = entries.removeFirst()
            if isLive(head) { return head }
        }
        return nil
    }

    /// After `nextExpired` returned nil: drops stale entries at the front and returns the time
    /// for the next timer event (the oldest live deadline), or nil when nothing is pending.
    public mutating func rearm(isLive: (Entry) -> Bool) -> SimTime? {
        while let head = entries.first, !isLive(head) {
            _ = entries.removeFirst()
        }
        armedAt = entries.first?.deadline
        return armedAt
    }

    /// Entries held, live or stale.
    public var count: Int { entries.count }
}
