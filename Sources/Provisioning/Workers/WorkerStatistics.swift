import SimKernel

/// What the worker pool counts, reported as `provisioning.workers`.
struct WorkerStatistics {
    /// Messages received and worked on.
    var deliveries = Counter()
    /// Deliveries whose `ApproximateReceiveCount` was above one.
    var redeliveries = Counter()
    /// Deliveries that found the record ACTIVE or FAILED: the work was done, nothing was redone.
    var idempotentNoOps = Counter()
    /// Deliveries whose conditional write found the record moved on by another delivery
    /// running at the same time: they stopped.
    var conflicts = Counter()
    /// Deliveries that found no record (an eventually consistent read right after the
    /// API's write); they are left to come back.
    var withoutRecord = Counter()
    /// Deliveries left undeleted after a failure, to come back after the visibility timeout.
    var abandoned = Counter()
    var deleted = Counter()
    var receiveErrors = Counter()
    var deleteErrors = Counter()
    var emptyReceives = Counter()
    /// Messages whose visibility a heartbeat extended, and extensions that came too late
    /// (the message was visible again, or received by another thread).
    var extensions = Counter()
    var lateExtensions = Counter()
    /// Messages a thread held, unfinished, when its process crashed.
    var lostInCrash = Counter()
    /// Deliveries given up before their step because the process's release mishandled them.
    var releaseErrors = Counter()
    var busyThreads = TimeWeightedValue()
    /// Threads working (polling or holding messages): all of them in a static pool; on a
    /// fleet, those of the processes in service and of draining ones not yet done.
    var liveThreads = TimeWeightedValue()

    mutating func reset(at time: SimTime) {
        deliveries.reset()
        redeliveries.reset()
        idempotentNoOps.reset()
        conflicts.reset()
        withoutRecord.reset()
        abandoned.reset()
        deleted.reset()
        receiveErrors.reset()
        deleteErrors.reset()
        emptyReceives.reset()
        extensions.reset()
        lateExtensions.reset()
        lostInCrash.reset()
        releaseErrors.reset()
        busyThreads.reset(at: time)
        liveThreads.reset(at: time)
    }
}
