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
    public private(set) var instances: [ServiceInstance] = []

    public init(name: String) {
        self.name = name
    }

    public func add(_ instance: ServiceInstance) {
        instances.append(instance)
    }

    public override func resetStatistics(at time: SimTime) {
        served.reset()
        errors.reset()
        rejected.reset()
        refused.reset()
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        let component = "service.\(name)"
        table.append(component, "instances", "count", Double(instances.count))
        table.append(component, "requests_served", "count", Double(served.sinceReset))
        table.append(component, "errors", "count", Double(errors.sinceReset))
        table.append(component, "rejected", "count", Double(rejected.sinceReset))
        table.append(component, "refused", "count", Double(refused.sinceReset))
        var utilizations: [Double] = []
        var sojournSum = 0.0
        var sojournCount: UInt64 = 0
        var waitSum = 0.0
        var waitCount: UInt64 = 0
        for instance in instances {
            let s = instance.stationStatistics
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
}
