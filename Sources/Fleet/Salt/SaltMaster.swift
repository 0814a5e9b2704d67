import SimKernel

/// The Salt master every fleet's minions talk to: a first-come-first-served server with
/// `worker_threads` threads, so that a mass launch or a large patch batch queues at it
/// (spec §4.4's "worker_threads may need to be increased"). Reports `salt`.
public final class SaltMaster: Component {
    public let configuration: SaltConfiguration
    private var threads: FCFSServers
    private let cpu: RandomStream
    /// Highstates started, failed, and timed out, whoever ran them.
    var runs = Counter()
    var failures = Counter()
    var timeouts = Counter()
    /// From a highstate's start to its return, master queueing included.
    var runDurations = LatencyRecorder(percentiles: true)

    public init(_ configuration: SaltConfiguration, streams: RandomStreams) {
        self.configuration = configuration
        threads = FCFSServers(servers: configuration.workerThreads, percentiles: true)
        cpu = streams.stream("salt.master/cpu")
    }

    /// `requests` master jobs of one minion arrive now; they are served one after another on
    /// one thread when it frees (a minion's requests of one phase go as one batch). Returns
    /// when the last is done.
    func serve(requests: Int, in simulation: Simulation) -> SimTime {
        var work = SimTime.zero
        for _ in 0..<requests { work += configuration.requestCPU.sampleTime(cpu) }
        return threads.arrive(at: simulation.now, service: work)!.end
    }

    public override func resetStatistics(at time: SimTime) {
        runs.reset()
        failures.reset()
        timeouts.reset()
        runDurations.reset()
        threads.resetStatistics(at: time)
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        threads.advance(to: time)
        let s = threads.statistics
        table.append("salt", "highstates", "count", Double(runs.sinceReset))
        table.append("salt", "highstate_failures", "count", Double(failures.sinceReset))
        table.append("salt", "highstate_timeouts", "count", Double(timeouts.sinceReset))
        table.append("salt", "highstate_duration_mean", "s", runDurations.mean)
        table.append("salt", "highstate_duration_p95", "s", runDurations.percentile(95))
        table.append("salt", "master_wait_mean", "s", s.waits.mean)
        table.append("salt", "master_wait_p99", "s", s.waits.percentile(99))
        table.append("salt", "master_utilization", "ratio", s.busyServers.mean(at: time) / Double(threads.servers))
    }

    public override var seriesKeys: [MetricKey] {
        [MetricKey("salt", "master_utilization", "ratio"), MetricKey("salt", "master_queue_mean", "jobs")]
    }

    private var previousSample = SimTime.zero
    private var previousBusy = 0.0
    private var previousQueue = 0.0

    public override func sample(at time: SimTime, into frame: inout [Double]) {
        threads.advance(to: time)
        let s = threads.statistics
        let span = Double((time - previousSample).nanoseconds)
        let busy = s.busyServers.integral(at: time)
        let queue = s.queueLength.integral(at: time)
        frame.append((busy - previousBusy) / span / Double(threads.servers))
        frame.append((queue - previousQueue) / span)
        previousSample = time
        previousBusy = busy
        previousQueue = queue
    }
}
