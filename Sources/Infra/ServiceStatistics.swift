import SimKernel

/// The measurements an application service's instances share, reported as `service.<name>`.
public final class ServiceStatistics: Component {
    public let name: String
    public var served = Counter()
    public var errors = Counter()
    /// Answered 503 because the instance's queue was full.
    public var rejected = Counter()
    /// Refused because the instance was down.
    public var refused = Counter()
    /// Answered by the instance's filter (sidecar) without reaching the application.
    public var filtered = Counter()
    /// Taken into service, then lost when the instance crashed (their callers saw a reset).
    public var lost = Counter()
    public private(set) var instances: [ServiceInstance] = []
    private var previousSample = SimTime.zero
    private var previousServed: UInt64 = 0
    private var previousBusy: [Double] = []

    public init(name: String) {
        self.name = name
    }

    public func add(_ instance: ServiceInstance) {
        instances.append(instance)
        previousBusy.append(0)
    }

    public override func resetStatistics(at time: SimTime) {
        served.reset()
        errors.reset()
        rejected.reset()
        refused.reset()
        filtered.reset()
        lost.reset()
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        let component = "service.\(name)"
        table.append(component, "instances", "count", Double(instances.count))
        table.append(component, "requests_served", "count", Double(served.sinceReset))
        table.append(component, "errors", "count", Double(errors.sinceReset))
        table.append(component, "rejected", "count", Double(rejected.sinceReset))
        table.append(component, "refused", "count", Double(refused.sinceReset))
        table.append(component, "filtered", "count", Double(filtered.sinceReset))
        table.append(component, "lost_in_crash", "count", Double(lost.sinceReset))
        var utilizations: [Double] = []
        var sojournSum = 0.0
        var sojournCount: UInt64 = 0
        var waitSum = 0.0
        var waitCount: UInt64 = 0
        for instance in instances {
            let s = instance.stationStatistics(at: time)
            utilizations.append(s.busyServers.mean(at: time) / Double(instance.servers))
            sojournSum += s.sojourns.sum
            sojournCount += s.sojourns.count
            waitSum += s.waits.sum
            waitCount += s.waits.count
        }
        let mean = utilizations.isEmpty ? Double.nan : utilizations.reduce(0, +) / Double(utilizations.count)
        table.append(component, "utilization_mean", "ratio", mean)
        table.append(component, "utilization_max", "ratio", utilizations.max() ?? .nan)
        table.append(component, "utilization_min", "ratio", utilizations.min() ?? .nan)
        table.append(component, "wait_mean", "s", waitCount > 0 ? waitSum / Double(waitCount) : .nan)
        table.append(component, "sojourn_mean", "s", sojournCount > 0 ? sojournSum / Double(sojournCount) : .nan)
    }

    public override var seriesKeys: [MetricKey] {
        let c = "service.\(name)"
        return [MetricKey(c, "requests_served", "per_s"), MetricKey(c, "utilization_mean", "ratio"), MetricKey(c, "utilization_max", "ratio")]
    }

    /// Served per second over the interval, and the instances' utilization over it.
    public override func sample(at time: SimTime, into frame: inout [Double]) {
        let span = time - previousSample
        frame.append(Double(served.total - previousServed) / span.seconds)
        var total = 0.0
        var highest = 0.0
        for (index, instance) in instances.enumerated() {
            let busy = instance.stationStatistics(at: time).busyServers.integral(at: time)
            let utilization = (busy - previousBusy[index]) / Double(span.nanoseconds) / Double(instance.servers)
            total += utilization
            highest = max(highest, utilization)
            previousBusy[index] = busy
        }
        frame.append(instances.isEmpty ? .nan : total / Double(instances.count))
        frame.append(instances.isEmpty ? .nan : highest)
        previousSample = time
        previousServed = served.total
    }
}
