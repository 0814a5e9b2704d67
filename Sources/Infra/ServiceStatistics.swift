import SimKernel

/// The measurements an application service's instances share, reported as `service.<name>`.
///
/// Utilization is busy slot-time over in-service slot-time: each instance's busy time is
/// divided by the time it spent in its service's host set, so instances of a fleet that are
/// not running (not launched yet, booting, terminated) do not dilute it. The mean weighs each
/// instance by its time in service; calls an instance finishes after leaving the host set
/// (draining) still count as its busy time.
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
    private var previousInService: [Double] = []
    /// Each instance's busy and in-service integrals when the warm-up ended.
    private var busyAtReset: [Double] = []
    private var inServiceAtReset: [Double] = []

    public init(name: String) {
        self.name = name
    }

    public func add(_ instance: ServiceInstance) {
        instances.append(instance)
        previousBusy.append(0)
        previousInService.append(0)
        busyAtReset.append(0)
        inServiceAtReset.append(0)
    }

    public override func resetStatistics(at time: SimTime) {
        served.reset()
        errors.reset()
        rejected.reset()
        refused.reset()
        filtered.reset()
        lost.reset()
        for (index, instance) in instances.enumerated() {
            busyAtReset[index] = instance.stationStatistics(at: time).busyServers.integral(at: time)
            inServiceAtReset[index] = instance.inServiceTime.integral(at: time)
        }
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
        var busyTotal = 0.0
        var capacityTotal = 0.0
        var utilizations: [Double] = []
        var sojournSum = 0.0
        var sojournCount: UInt64 = 0
        var waitSum = 0.0
        var waitCount: UInt64 = 0
        for (index, instance) in instances.enumerated() {
            let s = instance.stationStatistics(at: time)
            let busy = s.busyServers.integral(at: time) - busyAtReset[index]
            let capacity = (instance.inServiceTime.integral(at: time) - inServiceAtReset[index]) * Double(instance.servers)
            if capacity > 0 {
                busyTotal += busy
                capacityTotal += capacity
                utilizations.append(busy / capacity)
            }
            sojournSum += s.sojourns.sum
            sojournCount += s.sojourns.count
            waitSum += s.waits.sum
            waitCount += s.waits.count
        }
        table.append(component, "utilization_mean", "ratio", capacityTotal > 0 ? busyTotal / capacityTotal : .nan)
        table.append(component, "utilization_max", "ratio", utilizations.max() ?? .nan)
        table.append(component, "utilization_min", "ratio", utilizations.min() ?? .nan)
        table.append(component, "wait_mean", "s", waitCount > 0 ? waitSum / Double(waitCount) : .nan)
        table.append(component, "sojourn_mean", "s", sojournCount > 0 ? sojournSum / Double(sojournCount) : .nan)
    }

    public override var seriesKeys: [MetricKey] {
        let c = "service.\(name)"
        return [MetricKey(c, "requests_served", "per_s"), MetricKey(c, "utilization_mean", "ratio"), MetricKey(c, "utilization_max", "ratio")]
    }

    /// Served per second over the interval, and the utilization of the instances in service
    /// during it.
    public override func sample(at time: SimTime, into frame: inout [Double]) {
        let span = time - previousSample
        frame.append(Double(served.total - previousServed) / span.seconds)
        var busyTotal = 0.0
        var capacityTotal = 0.0
        var highest = Double.nan
        for (index, instance) in instances.enumerated() {
            let busy = instance.stationStatistics(at: time).busyServers.integral(at: time)
            let inService = instance.inServiceTime.integral(at: time)
            let capacity = (inService - previousInService[index]) * Double(instance.servers)
            if capacity > 0 {
                let utilization = (busy - previousBusy[index]) / capacity
                busyTotal += busy - previousBusy[index]
                capacityTotal += capacity
                highest = highest.isNaN ? utilization : max(highest, utilization)
            }
            previousBusy[index] = busy
            previousInService[index] = inService
        }
        frame.append(capacityTotal > 0 ? busyTotal / capacityTotal : .nan)
        frame.append(highest)
        previousSample = time
        previousServed = served.total
    }
}
