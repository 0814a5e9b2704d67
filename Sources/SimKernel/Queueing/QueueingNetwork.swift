/// The running model of a `NetworkConfiguration`: sources and stations as components, jobs
/// as integer ids in a slab, and the end-to-end measurements of the jobs that pass through.
public final class QueueingNetwork {
    private var entered: [SimTime] = []
    private var freeJobs: [UInt32] = []
    /// The simulation owns the stations (and they own the network), so the network refers
    /// to them without retaining them: no reference cycle, and no reference counting per job.
    private var stations: [Unmanaged<StationComponent>] = []
    private(set) var statistics = NetworkStatistics()

    /// Builds the network's components and schedules each source's first arrival.
    public init(_ configuration: NetworkConfiguration, in simulation: Simulation) {
        for node in configuration.stations {
            let component = StationComponent(node, network: self, streams: simulation.streams)
            simulation.register(component)
            stations.append(.passUnretained(component))
        }
        let summary = NetworkSummary(network: self)
        simulation.register(summary)
        for source in configuration.sources {
            let component = SourceComponent(source, network: self, streams: simulation.streams)
            simulation.register(component)
            component.start(in: simulation)
        }
    }

    /// Jobs in the network now.
    public var jobsInNetwork: Int { entered.count - freeJobs.count }

    func admit(at now: SimTime) -> UInt32 {
        statistics.arrivals.increment()
        statistics.jobsInNetwork.add(1, at: now)
        if let job = freeJobs.popLast() {
            entered[Int(job)] = now
            return job
        }
        precondition(entered.count < Int(UInt32.max), "too many jobs in the network")
        entered.append(now)
        return UInt32(entered.count - 1)
    }

    /// Sends `job` to station `destination`, or out of the network.
    func deliver(_ job: UInt32, to destination: Int, in simulation: Simulation) {
        if destination == Routing.exit {
            statistics.departures.increment()
            statistics.responses.record(simulation.now - entered[Int(job)])
            release(job, at: simulation.now)
        } else {
            stations[destination]._withUnsafeGuaranteedRef { $0.accept(job, in: simulation) }
        }
    }

    /// A station turned `job` away: it is lost to the network.
    func lose(_ job: UInt32, at now: SimTime) {
        statistics.losses.increment()
        release(job, at: now)
    }

    private func release(_ job: UInt32, at now: SimTime) {
        statistics.jobsInNetwork.add(-1, at: now)
        freeJobs.append(job)
    }
}

struct NetworkStatistics {
    var arrivals = Counter()
    var departures = Counter()
    var losses = Counter()
    var jobsInNetwork = TimeWeightedValue()
    var responses = LatencyRecorder()
    var jobsAtReset = 0.0
    var resetTime = SimTime.zero
}

/// Reports the network's end-to-end measurements as component `network`.
private final class NetworkSummary: Component {
    let network: QueueingNetwork
    private var series = NetworkSeries()

    init(network: QueueingNetwork) {
        self.network = network
    }

    override func resetStatistics(at time: SimTime) {
        network.resetStatistics(at: time)
    }

    override func report(at time: SimTime, into table: inout MetricTable) {
        let s = network.statistics
        let span = (time - s.resetTime).seconds
        table.append("network", "arrivals", "count", Double(s.arrivals.sinceReset))
        table.append("network", "departures", "count", Double(s.departures.sinceReset))
        table.append("network", "losses", "count", Double(s.losses.sinceReset))
        table.append("network", "in_network_start", "count", s.jobsAtReset)
        table.append("network", "in_network_end", "count", s.jobsInNetwork.value)
        table.append("network", "throughput", "per_s", span > 0 ? Double(s.departures.sinceReset) / span : .nan)
        table.append("network", "number_in_network_mean", "jobs", s.jobsInNetwork.mean(at: time))
        table.append("network", "response_mean", "s", s.responses.mean)
        table.append("network", "response_p50", "s", s.responses.percentile(50))
        table.append("network", "response_p95", "s", s.responses.percentile(95))
        table.append("network", "response_p99", "s", s.responses.percentile(99))
    }

    override var seriesKeys: [MetricKey] { NetworkSeries.keys }

    override func sample(at time: SimTime, into frame: inout [Double]) {
        series.sample(network.statistics, at: time, into: &frame)
    }
}

extension QueueingNetwork {
    fileprivate func resetStatistics(at now: SimTime) {
        statistics.arrivals.reset()
        statistics.departures.reset()
        statistics.losses.reset()
        statistics.jobsInNetwork.reset(at: now)
        statistics.responses.reset()
        statistics.jobsAtReset = statistics.jobsInNetwork.value
        statistics.resetTime = now
    }
}

/// Interval samples of the end-to-end response, by differencing lifetime totals.
private struct NetworkSeries {
    static let keys = [
        MetricKey("network", "throughput", "per_s"),
        MetricKey("network", "number_in_network_mean", "jobs"),
        MetricKey("network", "response_mean", "s"),
    ]
    private var previousTime = SimTime.zero
    private var previousDepartures: UInt64 = 0
    private var previousJobs: Double = 0
    private var previousCount: UInt64 = 0
    private var previousSum: Double = 0

    mutating func sample(_ s: NetworkStatistics, at now: SimTime, into frame: inout [Double]) {
        let span = now - previousTime
        let jobs = s.jobsInNetwork.integral(at: now)
        let count = s.responses.lifetimeCount - previousCount
        frame.append(Double(s.departures.total - previousDepartures) / span.seconds)
        frame.append((jobs - previousJobs) / Double(span.nanoseconds))
        frame.append(count > 0 ? (s.responses.lifetimeSum - previousSum) / Double(count) : .nan)
        previousTime = now
        previousDepartures = s.departures.total
        previousJobs = jobs
        previousCount = s.responses.lifetimeCount
        previousSum = s.responses.lifetimeSum
    }
}
