import SimKernel

/// The Salt master and the highstate runs it serves (spec §4.4).
///
/// A highstate asks the master for `requestsPerHighstate` jobs (authentication, pillar
/// rendering, one file-server request per SLS file, the result's return), each
/// `requestCPU` of a worker thread; the master serves them first come first served on
/// `workerThreads` threads, so a mass launch queues at the master. All but the return are
/// served before the minion applies its states; the return after.
public struct SaltConfiguration: Sendable {
    /// Salt's `worker_threads` (5 in the master configuration examples; to verify).
    public var workerThreads: Int
    /// Master CPU per request: 50 to 200 ms (assumption).
    public var requestCPU: Distribution
    /// Assumption: a mid-sized state tree.
    public var requestsPerHighstate: Int
    /// The minion's own apply time.
    public var highstate: Distribution
    /// A run fails (some states fail, the result is recorded as failed).
    public var failureProbability: Double
    /// A run not returned by then counts as failed ("Minion did not return"); 30 min as the
    /// PSF's raised timeout.
    public var timeout: SimTime

    public init(
        workerThreads: Int = 5, requestCPU: Distribution = .uniform(lower: 0.05, upper: 0.2), requestsPerHighstate: Int = 30,
        highstate: Distribution = SaltConfiguration.defaultHighstate, failureProbability: Double = 0.03, timeout: SimTime = .seconds(1_800)
    ) {
        precondition(workerThreads >= 1 && requestsPerHighstate >= 1 && (0...1).contains(failureProbability) && timeout > .zero)
        self.workerThreads = workerThreads
        self.requestCPU = requestCPU
        self.requestsPerHighstate = requestsPerHighstate
        self.highstate = highstate
        self.failureProbability = failureProbability
        self.timeout = timeout
    }

    /// The spec's assumed highstate: lognormal with median 45 s and p95 5 min, and package
    /// mirror stalls making the tail reach about 20 min at p99: a 2% mode with median 20 min
    /// (p99 30 min) mixed in.
    public static let defaultHighstate = Distribution.mixture(Mixture(
        components: [.lognormal(median: 45, p99: 45 * LaunchTimings.p95ToP99(300.0 / 45)), .lognormal(median: 1_200, p99: 1_800)],
        weights: [0.98, 0.02]))
}
