import SimKernel

/// What the control-plane API counts, reported as `provisioning.api`.
struct ControlPlaneStatistics {
    var requests = Counter()
    /// Answered 202 (queued) or 201 (provisioned synchronously).
    var accepted = Counter()
    /// Answered 503 at once: the instance's queue was full.
    var overloaded = Counter()
    /// Answered 409: the record existed.
    var conflicts = Counter()
    /// Answered 5xx after a call failed (DynamoDB or SQS refused, a step failed).
    var errors = Counter()
    /// The client gave up before the answer (it saw a 504 from its load balancer).
    var timeouts = Counter()
    /// Answers that came after their client had given up.
    var lateAnswers = Counter()
    /// How long accepted sign-ups took, as their clients saw it (those they gave up on aside).
    var latency = LatencyRecorder()
    var waits = LatencyRecorder(percentiles: false)
    var inFlight = TimeWeightedValue()

    mutating func reset(at time: SimTime) {
        requests.reset()
        accepted.reset()
        overloaded.reset()
        conflicts.reset()
        errors.reset()
        timeouts.reset()
        lateAnswers.reset()
        latency.reset()
        waits.reset()
        inFlight.reset(at: time)
    }
}
