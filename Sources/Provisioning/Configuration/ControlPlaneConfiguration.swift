import SimKernel

/// The control-plane API that takes sign-ups: instances behind a round-robin load balancer,
/// each with a pool of request threads and a bounded queue in front of them.
public struct ControlPlaneConfiguration: Sendable, Equatable {
    public var instances: Int
    /// Requests one instance serves at once; a request holds its thread until it answers,
    /// through its DynamoDB and SQS calls (and, synchronously, the steps).
    public var threads: Int
    /// Requests allowed to wait for a thread per instance; beyond it the instance answers 503.
    /// Nil: no bound.
    public var queueCapacity: Int?
    /// The request's own work (parsing, validation, authorization) before its first call.
    public var handling: Distribution
    /// How long the client waits for an answer before it gives up (a load balancer's idle
    /// timeout, a browser's patience). The server does not notice and finishes the request.
    public var timeout: SimTime

    public init(
        instances: Int, threads: Int, queueCapacity: Int? = nil, handling: Distribution = .constant(0.005),
        timeout: SimTime = .seconds(30)
    ) {
        precondition(instances >= 1 && threads >= 1 && (queueCapacity ?? 0) >= 0 && timeout > .zero)
        self.instances = instances
        self.threads = threads
        self.queueCapacity = queueCapacity
        self.handling = handling
        self.timeout = timeout
    }
}
