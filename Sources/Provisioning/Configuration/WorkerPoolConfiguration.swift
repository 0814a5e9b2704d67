import SimKernel

/// The workers that drain the provisioning queue: processes with threads, each thread
/// long-polling for a batch and working through it one message at a time.
public struct WorkerPoolConfiguration: Sendable, Equatable {
    /// Processes; each has its own SDK clients (and so its own retry quota). On a fleet, one
    /// per instance slot the fleet may ever use.
    public var instances: Int
    /// The fleet whose instances run the processes, if any: a process polls only while its
    /// instance is in service. Without one, every process polls from the start to the end.
    public var fleet: String?
    public var threads: Int
    /// Messages one receive asks for (1 to 10); a thread holds them, hidden, until it gets
    /// to each in turn.
    public var receiveBatch: Int
    /// The long-poll wait of each receive (1 to 20 s).
    public var waitTime: SimTime
    /// Extend the visibility of held messages while working on them; nil lets a message
    /// reappear when its visibility timeout ends, however long its step still runs.
    public var heartbeat: VisibilityHeartbeat?
    /// Read the tenant record strongly consistently; an eventually consistent read may miss
    /// the latest progress (the conditional writes still catch it).
    public var consistentReads: Bool
    /// How long a thread pauses after a receive failed before it polls again.
    public var errorBackoff: SimTime

    public init(
        instances: Int, fleet: String? = nil, threads: Int, receiveBatch: Int = 1, waitTime: SimTime = .seconds(20), heartbeat: VisibilityHeartbeat? = nil,
        consistentReads: Bool = true, errorBackoff: SimTime = .seconds(1)
    ) {
        precondition(instances >= 1 && threads >= 1 && (1...10).contains(receiveBatch))
        precondition(waitTime >= .seconds(1) && waitTime <= .seconds(20), "workers long-poll: a wait of 1 to 20 s")
        precondition(errorBackoff > .zero)
        self.instances = instances
        self.fleet = fleet
        self.threads = threads
        self.receiveBatch = receiveBatch
        self.waitTime = waitTime
        self.heartbeat = heartbeat
        self.consistentReads = consistentReads
        self.errorBackoff = errorBackoff
    }

    public var threadCount: Int { instances * threads }
}

/// Every `interval` while a thread holds messages, ChangeMessageVisibility sets each to
/// `timeout` from that moment (SQS restarts the clock; it does not add).
public struct VisibilityHeartbeat: Sendable, Equatable {
    public var interval: SimTime
    public var timeout: SimTime

    public init(interval: SimTime, timeout: SimTime) {
        precondition(interval > .zero && timeout > interval, "a heartbeat extends past its own next beat")
        self.interval = interval
        self.timeout = timeout
    }
}
