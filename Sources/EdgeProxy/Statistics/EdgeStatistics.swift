import Foundation
import Infra
import SimKernel

/// What the edge as a whole measures, shared by all its proxies and reported as `edge`:
/// requests received and how each ended, response flags, and the latency clients see (of the
/// clients' requests only: applications' requests through the edge are counted apart).
public final class EdgeStatistics: Component {
    public var received = Counter()
    /// Final responses by status class: index 1 for 1xx ... 5 for 5xx; index 0 for none.
    public var responsesByClass = [Counter](repeating: Counter(), count: 6)
    /// Responses Envoy generated itself (no route, no healthy upstream, overflow, timeout).
    public var localReplies = Counter()
    public var flagCounts = [Counter](repeating: Counter(), count: ResponseFlags.codes.count)
    public var latency = LatencyRecorder()
    /// Requests inside the edge: received and not yet answered.
    public var inFlight = TimeWeightedValue()
    /// What applications send through the edge, apart from the clients' requests above.
    public var internalRequests = InternalRequestStatistics()
    /// Whether applications call through this edge: then `internalRequests` is reported.
    public var reportsInternalRequests = false
    private var inFlightAtReset = 0.0
    private var resetTime = SimTime.zero
    private var series = EdgeSeries()

    public override init() {}

    public func requestReceived(at now: SimTime) {
        received.increment()
        inFlight.add(1, at: now)
    }

    public func internalRequestReceived(at now: SimTime) {
        internalRequests.received(at: now)
    }

    /// An application's request leaves the edge; `latency` is what its caller saw.
    public func internalRequestAnswered(status: UInt16, local: Bool, latency callerLatency: SimTime, at now: SimTime) {
        internalRequests.answered(status: status, local: local, latency: callerLatency, at: now)
    }

    /// A request leaves the edge with its final status; `latency` is what its client saw.
    public func requestAnswered(status: UInt16, flags: ResponseFlags, local: Bool, latency clientLatency: SimTime, at now: SimTime) {
        responsesByClass[min(Int(status) / 100, 5)].increment()
        if local { localReplies.increment() }
        if !flags.isEmpty {
            for (index, code) in ResponseFlags.codes.enumerated() where flags.contains(code.flag) {
                flagCounts[index].increment()
            }
        }
        latency.record(clientLatency)
        inFlight.add(-1, at: now)
    }

    public override func resetStatistics(at time: SimTime) {
        received.reset()
        for index in responsesByClass.indices { responsesByClass[index].reset() }
        localReplies.reset()
        for index in flagCounts.indices { flagCounts[index].reset() }
        latency.reset()
        inFlight.reset(at: time)
        inFlightAtReset = inFlight.value
        internalRequests.reset(at: time)
        resetTime = time
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        let span = (time - resetTime).seconds
        let answered = responsesByClass.reduce(0) { $0 + $1.sinceReset }
        table.append("edge", "requests", "count", Double(received.sinceReset))
        table.append("edge", "responses", "count", Double(answered))
        table.append("edge", "in_flight_start", "count", inFlightAtReset)
        table.append("edge", "in_flight_end", "count", inFlight.value)
        table.append("edge", "throughput", "per_s", span > 0 ? Double(answered) / span : .nan)
        for statusClass in 2...5 {
            table.append("edge", "responses_\(statusClass)xx", "count", Double(responsesByClass[statusClass].sinceReset))
        }
        table.append("edge", "local_replies", "count", Double(localReplies.sinceReset))
        let errors = responsesByClass[5].sinceReset
        table.append("edge", "error_ratio", "ratio", answered > 0 ? Double(errors) / Double(answered) : .nan)
        for (index, code) in ResponseFlags.codes.enumerated() {
            table.append("edge", "response_flag_\(code.code)", "count", Double(flagCounts[index].sinceReset))
        }
        table.append("edge", "latency_mean", "ms", latency.mean * 1000)
        for p in [50.0, 90, 95, 99, 99.9] {
            table.append("edge", "latency_p\(EdgeStatistics.label(p))", "ms", latency.percentile(p) * 1000)
        }
        table.append("edge", "in_flight_mean", "count", inFlight.mean(at: time))
        if reportsInternalRequests { internalRequests.report(into: &table) }
    }

    static func label(_ percentile: Double) -> String {
        percentile == percentile.rounded() ? String(Int(percentile)) : String(percentile).replacingOccurrences(of: ".", with: "_")
    }

    public override var seriesKeys: [MetricKey] { EdgeSeries.keys }

    public override func sample(at time: SimTime, into frame: inout [Double]) {
        series.sample(self, at: time, into: &frame)
    }
}

/// Interval samples of the edge, by differencing lifetime totals; the interval's p99 comes
/// from a recorder reset at each sample.
struct EdgeSeries {
    static let keys = [
        MetricKey("edge", "throughput", "per_s"),
        MetricKey("edge", "error_ratio", "ratio"),
        MetricKey("edge", "local_replies", "per_s"),
        MetricKey("edge", "latency_mean", "ms"),
        MetricKey("edge", "in_flight_mean", "count"),
    ]
    private var previousTime = SimTime.zero
    private var previousAnswered: UInt64 = 0
    private var previousErrors: UInt64 = 0
    private var previousLocal: UInt64 = 0
    private var previousLatencyCount: UInt64 = 0
    private var previousLatencySum = 0.0
    private var previousInFlight = 0.0

    mutating func sample(_ edge: EdgeStatistics, at now: SimTime, into frame: inout [Double]) {
        let span = (now - previousTime).seconds
        let answered = edge.responsesByClass.reduce(0) { $0 + $1.total }
        let errors = edge.responsesByClass[5].total
        let local = edge.localReplies.total
        let count = edge.latency.lifetimeCount - previousLatencyCount
        let inFlight = edge.inFlight.integral(at: now)
        frame.append(Double(answered - previousAnswered) / span)
        frame.append(answered > previousAnswered ? Double(errors - previousErrors) / Double(answered - previousAnswered) : .nan)
        frame.append(Double(local - previousLocal) / span)
        frame.append(count > 0 ? (edge.latency.lifetimeSum - previousLatencySum) / Double(count) * 1000 : .nan)
        frame.append((inFlight - previousInFlight) / Double((now - previousTime).nanoseconds))
        previousTime = now
        previousAnswered = answered
        previousErrors = errors
        previousLocal = local
        previousLatencyCount = edge.latency.lifetimeCount
        previousLatencySum = edge.latency.lifetimeSum
        previousInFlight = inFlight
    }
}
