import SimKernel

/// What a fleet measures, reported as `fleet.<name>`: instances by state over time, desired
/// capacity, scaling, failures, deployments, drift, instance-hours and cost.
///
/// Instance-hours count every instance from launch to termination whatever its state, except
/// while it is stopped in a warm pool (EC2 bills no compute then); cost is instance-hours
/// times the instance type's hourly price.
public final class FleetStatistics: Component {
    public let name: String
    public let instanceType: InstanceType
    private var counts = Array(repeating: 0, count: InstanceState.allCases.count)
    /// Instances in any state but idle.
    private var instanceCount = 0
    private var byState = Array(repeating: TimeWeightedValue(), count: InstanceState.allCases.count)
    private var billable = TimeWeightedValue()
    private var existing = TimeWeightedValue()
    private var desired = TimeWeightedValue()
    private var drifted = TimeWeightedValue()
    private var resetTime = SimTime.zero
    private var existingRange = (low: 0, high: 0)
    private var inServiceLow = 0
    private var desiredRange = (low: 0, high: 0)
    private var driftedHigh = 0
    private var shortfallHigh = 0

    var launches = Counter()
    var warmPoolLaunches = Counter()
    var rebalanceLaunches = Counter()
    var launchFailures = Counter()
    var terminations = Counter()
    var randomFailures = Counter()
    /// Instances found dead by health checks and replaced.
    var replacements = Counter()
    var scaleOuts = Counter()
    var scaleIns = Counter()
    var patches = Counter()
    var patchFailures = Counter()
    var deployments = Counter()
    var deploymentsSucceeded = Counter()
    var deploymentsFailed = Counter()
    var rollbacks = Counter()
    var alarmsFired = Counter()
    var failedInstanceAborts = Counter()
    var requestsDuringDeployments: UInt64 = 0
    var errorsDuringDeployments: UInt64 = 0
    private var requestsAtReset: UInt64 = 0
    private var errorsAtReset: UInt64 = 0
    var launchToService = LatencyRecorder(percentiles: false)
    var timeToCapacity = LatencyRecorder(percentiles: false)
    var deploymentDuration = LatencyRecorder(percentiles: false)
    var rollbackDuration = LatencyRecorder(percentiles: false)
    /// The scaling metric's last datapoint (NaN without one).
    var scalingMetric = Double.nan
    private var previousSample = SimTime.zero
    private var previousStates = Array(repeating: 0.0, count: InstanceState.allCases.count)
    private var previousDesired = 0.0
    private var previousDrifted = 0.0
    private var previousBillable = 0.0

    public init(name: String, instanceType: InstanceType) {
        self.name = name
        self.instanceType = instanceType
    }

    func stateChanged(from old: InstanceState, to new: InstanceState, billableBefore: Bool, billableAfter: Bool, at now: SimTime) {
        if old != .idle {
            counts[old.rawValue] -= 1
            byState[old.rawValue].set(Double(counts[old.rawValue]), at: now)
        } else {
            instanceCount += 1
        }
        if new != .idle {
            counts[new.rawValue] += 1
            byState[new.rawValue].set(Double(counts[new.rawValue]), at: now)
        } else {
            instanceCount -= 1
        }
        if billableBefore != billableAfter { billable.add(billableAfter ? 1 : -1, at: now) }
        let live = instanceCount
        existing.set(Double(live), at: now)
        existingRange = (min(existingRange.low, live), max(existingRange.high, live))
        inServiceLow = min(inServiceLow, counts[InstanceState.inService.rawValue])
    }

    func desiredChanged(to value: Int, at now: SimTime) {
        desired.set(Double(value), at: now)
        desiredRange = (min(desiredRange.low, value), max(desiredRange.high, value))
    }

    func driftedChanged(by delta: Int, at now: SimTime) {
        drifted.add(Double(delta), at: now)
        driftedHigh = max(driftedHigh, Int(drifted.value))
    }

    /// Launches the group wanted but found no free slot for.
    func slotShortfall(_ missing: Int) {
        shortfallHigh = max(shortfallHigh, missing)
    }

    /// Billed instance-hours since the warm-up.
    public func instanceHours(at time: SimTime) -> Double {
        billable.mean(at: time) * (time - resetTime).seconds / 3_600
    }

    public override func resetStatistics(at time: SimTime) {
        resetTime = time
        for index in byState.indices { byState[index].reset(at: time) }
        billable.reset(at: time)
        existing.reset(at: time)
        desired.reset(at: time)
        drifted.reset(at: time)
        existingRange = (instanceCount, instanceCount)
        inServiceLow = counts[InstanceState.inService.rawValue]
        desiredRange = (Int(desired.value), Int(desired.value))
        driftedHigh = Int(drifted.value)
        shortfallHigh = 0
        for counter in [\FleetStatistics.launches, \.warmPoolLaunches, \.rebalanceLaunches, \.launchFailures, \.terminations, \.randomFailures,
                        \.replacements, \.scaleOuts, \.scaleIns, \.patches, \.patchFailures, \.deployments, \.deploymentsSucceeded,
                        \.deploymentsFailed, \.rollbacks, \.alarmsFired, \.failedInstanceAborts] {
            self[keyPath: counter].reset()
        }
        requestsAtReset = requestsDuringDeployments
        errorsAtReset = errorsDuringDeployments
        launchToService.reset()
        timeToCapacity.reset()
        deploymentDuration.reset()
        rollbackDuration.reset()
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        let c = "fleet.\(name)"
        table.append(c, "instances_mean", "count", existing.mean(at: time))
        table.append(c, "instances_max", "count", Double(existingRange.high))
        table.append(c, "instances_min", "count", Double(existingRange.low))
        table.append(c, "in_service_min", "count", Double(inServiceLow))
        for state in InstanceState.allCases where state != .idle {
            table.append(c, "\(state.metricName)_mean", "count", byState[state.rawValue].mean(at: time))
        }
        table.append(c, "desired_capacity_mean", "count", desired.mean(at: time))
        table.append(c, "desired_capacity_max", "count", Double(desiredRange.high))
        table.append(c, "desired_capacity_min", "count", Double(desiredRange.low))
        table.append(c, "desired_capacity_end", "count", desired.value)
        table.append(c, "scale_outs", "count", Double(scaleOuts.sinceReset))
        table.append(c, "scale_ins", "count", Double(scaleIns.sinceReset))
        table.append(c, "time_to_capacity_mean", "s", timeToCapacity.mean)
        table.append(c, "time_to_capacity_count", "count", Double(timeToCapacity.count))
        table.append(c, "launches", "count", Double(launches.sinceReset))
        table.append(c, "warm_pool_launches", "count", Double(warmPoolLaunches.sinceReset))
        table.append(c, "rebalance_launches", "count", Double(rebalanceLaunches.sinceReset))
        table.append(c, "launch_failures", "count", Double(launchFailures.sinceReset))
        table.append(c, "launch_to_service_mean", "s", launchToService.mean)
        table.append(c, "launches_short_of_slots_max", "count", Double(shortfallHigh))
        table.append(c, "terminations", "count", Double(terminations.sinceReset))
        table.append(c, "instance_failures", "count", Double(randomFailures.sinceReset))
        table.append(c, "replacements", "count", Double(replacements.sinceReset))
        table.append(c, "deployments", "count", Double(deployments.sinceReset))
        table.append(c, "deployments_succeeded", "count", Double(deploymentsSucceeded.sinceReset))
        table.append(c, "deployments_failed", "count", Double(deploymentsFailed.sinceReset))
        table.append(c, "rollbacks", "count", Double(rollbacks.sinceReset))
        table.append(c, "deployment_alarms", "count", Double(alarmsFired.sinceReset))
        table.append(c, "deployment_duration_mean", "s", deploymentDuration.mean)
        table.append(c, "rollback_duration_mean", "s", rollbackDuration.mean)
        let requests = requestsDuringDeployments - requestsAtReset
        let errors = errorsDuringDeployments - errorsAtReset
        table.append(c, "requests_during_deployments", "count", Double(requests))
        table.append(c, "errors_during_deployments", "count", Double(errors))
        table.append(c, "error_ratio_during_deployments", "ratio", requests > 0 ? Double(errors) / Double(requests) : .nan)
        table.append(c, "patches", "count", Double(patches.sinceReset))
        table.append(c, "patch_failures", "count", Double(patchFailures.sinceReset))
        table.append(c, "drifted_instances_end", "count", drifted.value)
        table.append(c, "drifted_instances_max", "count", Double(driftedHigh))
        table.append(c, "drifted_instances_mean", "count", drifted.mean(at: time))
        let hours = instanceHours(at: time)
        table.append(c, "instance_hours", "h", hours)
        table.append(c, "vcpu_hours", "h", hours * Double(instanceType.vcpus))
        table.append(c, "cost", "usd", hours * instanceType.hourlyPrice)
    }

    static let seriesStates = InstanceState.allCases.filter { $0 != .idle }

    public override var seriesKeys: [MetricKey] {
        let c = "fleet.\(name)"
        return FleetStatistics.seriesStates.map { MetricKey(c, "instances_\($0.metricName)", "count") } + [
            MetricKey(c, "desired_capacity", "count"), MetricKey(c, "scaling_metric", "value"), MetricKey(c, "drifted_instances", "count"),
            MetricKey(c, "cost_rate", "usd_per_h"),
        ]
    }

    /// Means over the interval (instances by state, desired, drifted, billing), and the last
    /// scaling datapoint.
    public override func sample(at time: SimTime, into frame: inout [Double]) {
        let span = Double((time - previousSample).nanoseconds)
        for state in FleetStatistics.seriesStates {
            let integral = byState[state.rawValue].integral(at: time)
            frame.append((integral - previousStates[state.rawValue]) / span)
            previousStates[state.rawValue] = integral
        }
        let desiredIntegral = desired.integral(at: time)
        let driftedIntegral = drifted.integral(at: time)
        let billableIntegral = billable.integral(at: time)
        frame.append((desiredIntegral - previousDesired) / span)
        frame.append(scalingMetric)
        frame.append((driftedIntegral - previousDrifted) / span)
        frame.append((billableIntegral - previousBillable) / span * instanceType.hourlyPrice)
        previousSample = time
        previousDesired = desiredIntegral
        previousDrifted = driftedIntegral
        previousBillable = billableIntegral
    }
}
