import SimKernel

/// Round-trip time of each SQS API call, from the caller's request to the answer it gets.
///
/// [A] AWS publishes no distribution: every action defaults to a lognormal with median 8 ms
/// and p99 40 ms (aws-spec.md 1.2), to be calibrated against AWS's 20 ms worked example.
/// Batch calls take the time of their single counterpart.
public struct SQSAPILatency: Sendable, Hashable {
    public var send: Distribution
    public var receive: Distribution
    public var delete: Distribution
    public var changeVisibility: Distribution

    public init(send: Distribution, receive: Distribution, delete: Distribution, changeVisibility: Distribution) {
        self.send = send
        self.receive = receive
        self.delete = delete
        self.changeVisibility = changeVisibility
    }

    /// The same distribution for every action.
    public init(all distribution: Distribution) {
        self.init(send: distribution, receive: distribution, delete: distribution, changeVisibility: distribution)
    }

    /// [A] lognormal, median 8 ms, p99 40 ms.
    public static let assumedDistribution = Distribution.lognormal(median: 0.008, p99: 0.040)

    public static let assumed = SQSAPILatency(all: assumedDistribution)

    /// Answers arrive at the instant of the call: for tests and textbook reductions.
    public static let zero = SQSAPILatency(all: .constant(0))
}
