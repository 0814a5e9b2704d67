/// A multi-server first-come-first-served queue with an optional bound on the number of jobs
/// in it (waiting plus in service): the building block for proxy workers, application
/// instances and queue workers.
///
/// The station keeps the mechanics and the measurements; its owner draws service times and
/// schedules completions, so one station type serves every kind of job. Jobs are opaque
/// integer ids owned by the caller.
public struct Station {
    public enum Admission: Equatable, Sendable {
        /// A server was free: the job is in service on `server`; schedule its completion.
        case started(server: Int)
        /// All servers are busy: the job waits.
        case queued
        /// The station is full: the job is turned away.
        case rejected
    }

    struct Waiting {
        var job: UInt32
        var arrival: SimTime
    }

    struct InService {
        var job: UInt32
        var arrival: SimTime
    }

    public let servers: Int
    /// Most jobs allowed in the station, waiting and in service; nil for no bound.
    public let capacity: Int?

    private var waiting = FIFOQueue<Waiting>()
    private var inService: [InService]
    private var idleServers: [Int]

    public private(set) var statistics: StationStatistics

    /// `percentiles` gives the station HdrHistograms for its waits and sojourns (about 300 KB);
    /// without them it still measures their means.
    public init(servers: Int, capacity: Int? = nil, percentiles: Bool = true) {
        precondition(servers > 0, "a station needs at least one server")
        precondition(capacity.map { $0 >= servers } ?? true, "a station's capacity must cover its servers")
        self.servers = servers
        self.capacity = capacity
        inService = Array(repeating: InService(job: 0, arrival: .zero), count: servers)
        idleServers = Array((0..<servers).reversed())
        statistics = StationStatistics(percentiles: percentiles)
    }

    /// Jobs in the station: waiting plus in service.
    public var jobsInSystem: Int { waiting.count + busyServers }
    public var busyServers: Int { servers - idleServers.count }
    public var queueLength: Int { waiting.count }

    /// The job now in service on `server`.
    public func job(onServer server: Int) -> UInt32 { inService[server].job }

    /// A job arrives at `now`.
    public mutating func arrive(job: UInt32, at now: SimTime) -> Admission {
        statistics.arrivals.increment()
        if let capacity, jobsInSystem >= capacity {
            statistics.rejections.increment()
            return .rejected
        }
        statistics.jobsInSystem.add(1, at: now)
        if let server = idleServers.popLast() {
            begin(InService(job: job, arrival: now), on: server, at: now)
            return .started(server: server)
        }
        waiting.append(Waiting(job: job, arrival: now))
        statistics.queueLength.add(1, at: now)
        return .queued
    }

    /// The job on `server` finishes at `now`. Returns it and, if one was waiting, the job
    /// that starts on the same server (schedule its completion).
    public mutating func complete(server: Int, at now: SimTime) -> (finished: UInt32, started: UInt32?) {
        let done = inService[server]
        statistics.sojourns.record(now - done.arrival)
        statistics.completions.increment()
        statistics.jobsInSystem.add(-1, at: now)
        guard !waiting.isEmpty else {
            idleServers.append(server)
            statistics.busyServers.add(-1, at: now)
            return (done.job, nil)
        }
        let next = waiting.removeFirst()
        statistics.queueLength.add(-1, at: now)
        statistics.busyServers.add(-1, at: now)
        begin(InService(job: next.job, arrival: next.arrival), on: server, at: now)
        return (done.job, next.job)
    }

    private mutating func begin(_ job: InService, on server: Int, at now: SimTime) {
        inService[server] = job
        statistics.waits.record(now - job.arrival)
        statistics.busyServers.add(1, at: now)
    }

    public mutating func resetStatistics(at now: SimTime) {
        statistics.reset(at: now, jobsInSystem: jobsInSystem)
    }
}
