import SimKernel

/// A queue's measurements. Counters keep lifetime totals (`total`) and counts since the
/// warm-up (`sinceReset`), as the kernel's `Counter` does.
public struct SQSQueueStatistics: Sendable {
    /// API requests of every action (what SQS bills).
    public internal(set) var requests = Counter()
    /// `NumberOfMessagesSent`: messages stored by SendMessage(Batch); FIFO sends dropped by
    /// deduplication and messages moved in from a source queue are not counted.
    public internal(set) var sent = Counter()
    /// FIFO sends accepted but dropped because their deduplication id was seen.
    public internal(set) var deduplicated = Counter()
    /// `NumberOfMessagesReceived`: messages returned by receives (lost ones included).
    public internal(set) var received = Counter()
    /// `NumberOfMessagesDeleted`: delete entries with a well-formed receipt, stale and
    /// duplicate ones included, as CloudWatch counts them.
    public internal(set) var deleted = Counter()
    /// Deletes whose receipt was no longer current: nothing was deleted.
    public internal(set) var staleDeletes = Counter()
    /// Deletes that left a copy behind (at-least-once).
    public internal(set) var survivedDeletes = Counter()
    /// `NumberOfEmptyReceives`.
    public internal(set) var emptyReceives = Counter()
    /// Deliveries of a message that had already been deleted once.
    public internal(set) var duplicatesDelivered = Counter()
    /// Received messages that never reached the consumer.
    public internal(set) var lostReceives = Counter()
    /// Messages moved to the dead-letter queue.
    public internal(set) var deadLettered = Counter()
    /// Messages this queue took in as a dead-letter queue.
    public internal(set) var redrivenIn = Counter()
    /// Messages deleted by retention.
    public internal(set) var expired = Counter()
    /// Short polls answered `OverLimit`.
    public internal(set) var overLimitErrors = Counter()
    /// Receives that came back empty only because the in-flight limit was reached (long
    /// polls, FIFO): the silent starvation users report.
    public internal(set) var starvedReceives = Counter()
    /// Calls answered `ThrottlingException`.
    public internal(set) var throttledCalls = Counter()

    /// `ApproximateNumberOfMessagesVisible`, `...NotVisible` (in flight), `...Delayed`.
    public internal(set) var visible = TimeWeightedValue()
    public internal(set) var notVisible = TimeWeightedValue()
    public internal(set) var delayed = TimeWeightedValue()
    /// The largest `ApproximateAgeOfOldestMessage` since the warm-up, up to the last change.
    public internal(set) var oldestAgeMaximum = SimTime.zero

    mutating func reset(at time: SimTime) {
        requests.reset()
        sent.reset()
        deduplicated.reset()
        received.reset()
        deleted.reset()
        staleDeletes.reset()
        survivedDeletes.reset()
        emptyReceives.reset()
        duplicatesDelivered.reset()
        lostReceives.reset()
        deadLettered.reset()
        redrivenIn.reset()
        expired.reset()
        overLimitErrors.reset()
        starvedReceives.reset()
        throttledCalls.reset()
        visible.reset(at: time)
        notVisible.reset(at: time)
        delayed.reset(at: time)
    }
}
