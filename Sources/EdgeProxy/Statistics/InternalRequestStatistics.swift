import Infra
import SimKernel

/// The requests applications send through the edge (see `EdgeEntrance`), counted apart from
/// the clients' so that `edge,requests`, its latencies and error ratio stay what clients see.
/// Reported as `edge,internal_*`, only by an edge that applications call.
public struct InternalRequestStatistics: Sendable {
    public var received = Counter()
    /// Final responses by status class, as `EdgeStatistics.responsesByClass`.
    public var responsesByClass = [Counter](repeating: Counter(), count: 6)
    public var localReplies = Counter()
    /// From the caller's sending to the answer's arrival back at it.
    public var latency = LatencyRecorder()
    /// Received and not yet answered.
    public var inFlight = TimeWeightedValue()
    private var inFlightAtReset = 0.0

    mutating func received(at now: SimTime) {
        received.increment()
        inFlight.add(1, at: now)
    }

    mutating func answered(status: UInt16, local: Bool, latency callerLatency: SimTime, at now: SimTime) {
        responsesByClass[min(Int(status) / 100, 5)].increment()
        if local { localReplies.increment() }
        latency.record(callerLatency)
        inFlight.add(-1, at: now)
    }

    mutating func reset(at time: SimTime) {
        received.reset()
        for index in responsesByClass.indices { responsesByClass[index].reset() }
        localReplies.reset()
        latency.reset()
        inFlight.reset(at: time)
        inFlightAtReset = inFlight.value
    }

    /// Received since the warm-up plus those in flight at its end always equal those answered
    /// plus those in flight at the run's end.
    func report(into table: inout MetricTable) {
        let answered = responsesByClass.reduce(0) { $0 + $1.sinceReset }
        table.append("edge", "internal_requests", "count", Double(received.sinceReset))
        table.append("edge", "internal_responses", "count", Double(answered))
        table.append("edge", "internal_in_flight_start", "count", inFlightAtReset)
        table.append("edge", "internal_in_flight_end", "count", inFlight.value)
        table.append("edge", "internal_responses_5xx", "count", Double(responsesByClass[5].sinceReset))
        table.append("edge", "internal_local_replies", "count", Double(localReplies.sinceReset))
        let errors = responsesByClass[5].sinceReset
        table.append("edge", "internal_error_ratio", "ratio", answered > 0 ? Double(errors) / Double(answered) : .nan)
        table.append("edge", "internal_latency_mean", "ms", latency.mean * 1000)
        for p in [50.0, 99] {
            table.append("edge", "internal_latency_p\(EdgeStatistics.label(p))", "ms", latency.percentile(p) * 1000)
        }
    }
}
