import SimKernel

/// One step of provisioning a tenant (create its database, configure DNS, seed content):
/// external work that takes a while and sometimes fails.
///
/// With an idempotency key (`tenant#step`, as a client token), the system doing the work
/// recognises a repeated request: a second run of a step already done returns at once, and
/// one that finds the step still running waits for that run's result; neither does the work
/// again. Without one, every run does the work again (a second database, a second email).
public struct ProvisioningStep: Sendable, Equatable {
    public var name: String
    /// How long the step runs, in seconds.
    public var duration: Distribution
    /// Probability that a run fails (and is retried through redelivery).
    public var failureProbability: Double
    public var idempotencyKey: Bool

    public init(name: String, duration: Distribution, failureProbability: Double = 0, idempotencyKey: Bool = true) {
        precondition(!name.isEmpty && (0...1).contains(failureProbability))
        self.name = name
        self.duration = duration
        self.failureProbability = failureProbability
        self.idempotencyKey = idempotencyKey
    }

    /// Steps a workflow may have: the record's status byte encodes the progress.
    public static let maximumCount = 32
}
