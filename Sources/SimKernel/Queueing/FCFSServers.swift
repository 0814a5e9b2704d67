/// A multi-server first-come-first-served queue whose jobs are handled in arrival order, so
/// each job's start and end are known the moment it arrives: it starts when it arrives or
/// when the earliest server frees, whichever is later (Lindley's recursion for c servers).
/// Its owner needs no completion event; it schedules whatever follows the job's end
/// directly. Arrivals must come in time order.
///
/// Jobs leave lazily: departures up to a time are retired when the queue is next touched,
/// in time order, so the time-weighted measures (jobs in the system, busy servers, queue
/// length) are exact, and so is the capacity check.
public struct FCFSServers: Sendable {
    public let servers: Int
    /// Most jobs in the station, waiting and in service; nil for no bound.
    public let capacity: Int?
    private var freeAt: TimeHeap
    private var departures = TimeHeap()
    private var lastArrival = SimTime.zero
    public private(set) var statistics: StationStatistics

    public init(servers: Int, capacity: Int? = nil, percentiles: Bool = true) {
        precondition(servers > 0, "a station needs at least one server")
        precondition(capacity.map { $0 >= servers } ?? true, "a station's capacity must cover its servers")
        self.servers = servers
        self.capacity = capacity
        freeAt = TimeHeap()
        for _ in 0..<servers { freeAt.insert(.zero) }
        statistics = StationStatistics(percentiles: percentiles)
    }

    /// Jobs in the station at the last time it was advanced to.
    public var jobsInSystem: Int { departures.count }

    /// Retires the jobs that have left by `now`, in time order.
    public mutating func advance(to now: SimTime) {
        while let next = departures.minimum, next <= now {
            _ = departures.removeMinimum()
            statistics.completions.increment()
            record(jobs: departures.count, at: next)
        }
    }

    /// A job needing `service` arrives at `now`, and may not start before `notBefore` (it is
    /// still on its way, or being prepared): its start and end, or nil when the station is
    /// full and turns it away.
    public mutating func arrive(at now: SimTime, notBefore: SimTime = .zero, service: SimTime) -> (start: SimTime, end: SimTime)? {
        precondition(now >= lastArrival, "FCFS arrivals must come in time order")
        lastArrival = now
        advance(to: now)
        statistics.arrivals.increment()
        if let capacity, departures.count >= capacity {
            statistics.rejections.increment()
            return nil
        }
        let free = freeAt.removeMinimum()
        let start = max(now, notBefore, free)
        let end = start + service
        freeAt.insert(end)
        departures.insert(end)
        record(jobs: departures.count, at: now)
        statistics.waits.record(start - now)
        statistics.sojourns.record(end - now)
        return (start, end)
    }

    private mutating func record(jobs: Int, at time: SimTime) {
        statistics.jobsInSystem.set(Double(jobs), at: time)
        statistics.busyServers.set(Double(min(jobs, servers)), at: time)
        statistics.queueLength.set(Double(max(jobs - servers, 0)), at: time)
    }

    /// Every job still in the station at `now` is lost (the host crashed): the servers are
    /// free from `now`, and the lost jobs never complete.
    public mutating func abandonAll(at now: SimTime) {
        advance(to: now)
        while !departures.isEmpty { _ = departures.removeMinimum() }
        for _ in 0..<servers { _ = freeAt.removeMinimum() }
        for _ in 0..<servers { freeAt.insert(now) }
        record(jobs: 0, at: now)
    }

    public mutating func resetStatistics(at now: SimTime) {
        advance(to: now)
        statistics.reset(at: now, jobsInSystem: departures.count)
    }
}
