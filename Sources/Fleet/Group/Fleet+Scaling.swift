import SimKernel

/// Target tracking on what the simulation measured over the last period: the busy share of
/// the request slots (or worker threads) of the warm in-service instances, or the requests
/// each served per minute; or, sampled at the period's end, the queue's backlog per instance.
extension Fleet {
    func measure(in simulation: Simulation) {
        let now = simulation.now
        var busy = 0.0
        var capacity = 0.0
        var inService = 0.0
        var served: UInt64 = 0
        for slot in slots.indices {
            let instance = instances[slot]
            let current = MetricSnapshot(
                busy: instance.busyIntegral(at: now), inService: instance.inServiceTime.integral(at: now),
                served: instance.servedTotal, errors: instance.errorsTotal)
            let previous = metricSnapshots[slot]
            metricSnapshots[slot] = current
            let record = slots[slot]
            guard record.state == .inService, record.group == activeGroup, record.warmUntil <= now else { continue }
            busy += current.busy - previous.busy
            capacity += (current.inService - previous.inService) * Double(instance.servers)
            inService += current.inService - previous.inService
            served += current.served - previous.served
        }
        let period = Double(metricPeriod.nanoseconds)
        var instancesMeasured = inService / period
        var metric: Double?
        if inService > 0, let scaling = configuration.autoscaling {
            switch scaling.metric {
            case .cpuUtilization: metric = busy / capacity
            case .requestsPerInstance: metric = Double(served) / (inService / 60e9)
            case .backlogPerInstance: break
            }
        }
        if configuration.autoscaling?.metric == .backlogPerInstance, let metricSource {
            // GroupInServiceInstances counts warming instances too. With none in service the
            // whole backlog is one instance's, so the group can scale out from zero.
            instancesMeasured = Double(max(1, count(group: activeGroup) { $0.state == .inService }))
            metric = metricSource.scalingTotal(at: now) / instancesMeasured
        }
        statistics.scalingMetric = metric ?? .nan
        guard var tracker else { return }
        let warming = slots.contains { $0.group == activeGroup && $0.countsTowardCapacity && ($0.state != .inService || $0.warmUntil > now) }
        let desired = groups[activeGroup].desired
        let decision = tracker.datapoint(metric, instances: instancesMeasured, desired: desired, warming: warming, at: now)
        self.tracker = tracker
        guard let decision else { return }
        if decision > desired { statistics.scaleOuts.increment() } else { statistics.scaleIns.increment() }
        setDesired(decision, group: activeGroup, at: now)
        if let rollout, case .blueGreen = rollout.strategy, !rollout.switched {
            setDesired(decision, group: 1 - activeGroup, at: now)
        }
    }
}
