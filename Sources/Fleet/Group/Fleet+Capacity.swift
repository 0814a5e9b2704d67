import SimKernel

/// The group's capacity loop, run after every change: replace what is missing (from the warm
/// pool first), shed what is in service beyond the desired capacity, keep the warm pool at
/// its size and the zones balanced (AZRebalance).
extension Fleet {
    func settle(in simulation: Simulation) {
        stepRollout(in: simulation)
        for group in groups.indices where groups[group].managed {
            reconcile(group: group, in: simulation)
        }
        fillWarmPool(in: simulation)
        rebalanceZones(in: simulation)
        checkCapacityTargets(at: simulation.now)
    }

    private func reconcile(group: Int, in simulation: Simulation) {
        let desired = groups[group].desired
        let counted = count(group: group) { $0.countsTowardCapacity }
        if counted < desired {
            var missing = desired - counted
            while missing > 0, takeFromPool(group: group, in: simulation) { missing -= 1 }
            while missing > 0, launch(group: group, pool: false, in: simulation) { missing -= 1 }
            statistics.slotShortfall(missing)
            return
        }
        // A refresh may run above the desired capacity (its maximum healthy percentage): that
        // surge is its own to shed, as it terminates the instances it replaces.
        let ceiling = refreshCeiling(group: group) ?? desired
        let serving = count(group: group) { $0.isServingForGroup || $0.state == .standby }
        let surplus = min(counted - ceiling, serving - ceiling)
        guard surplus > 0 else { return }
        for _ in 0..<surplus {
            guard let victim = scaleInVictim(group: group, at: simulation.now) else { break }
            let reuse = configuration.warmPool?.reuseOnScaleIn == true && slots[victim].state != .impaired
            drain(victim, delay: configuration.deregistrationDelay, then: reuse ? .pool : .terminate, in: simulation)
        }
    }

    /// The default termination policy: from the zone with most of the group's instances, an
    /// instance on another release than the launch template's first, then the one closest to
    /// its next billing hour, then one at random. Instances being patched are never chosen,
    /// nor protected ones unless `includingProtected`; `allowed` narrows the choice further.
    func scaleInVictim(
        group: Int, at now: SimTime, includingProtected: Bool = false, among allowed: (FleetInstance) -> Bool = { _ in true }
    ) -> Int? {
        var perZone = Array(repeating: 0, count: layout.zones)
        var candidates: [Int] = []
        for (slot, record) in slots.enumerated() where record.group == group && record.countsTowardCapacity {
            perZone[zone(of: slot)] += 1
            let serving = record.isServingForGroup || record.state == .standby
            if serving, includingProtected || !record.protectedFromScaleIn, !record.patching, allowed(record) { candidates.append(slot) }
        }
        guard !candidates.isEmpty else { return nil }
        let busiest = candidates.map { perZone[zone(of: $0)] }.max()!
        candidates.removeAll { perZone[zone(of: $0)] != busiest }
        if candidates.contains(where: { slots[$0].release != groups[group].release }) {
            candidates.removeAll { slots[$0].release == groups[group].release }
        }
        let hour = SimTime.seconds(3_600).nanoseconds
        let intoHour = candidates.map { (now - slots[$0].launchedAt).nanoseconds % hour }
        let latest = intoHour.max()!
        candidates = zip(candidates, intoHour).filter { $0.1 == latest }.map(\.0)
        return candidates[terminationDraws.index(below: candidates.count)]
    }

    /// A prepared instance leaves the warm pool for the group: a stopped one starts (no
    /// configuration), a running one starts its application.
    private func takeFromPool(group: Int, in simulation: Simulation) -> Bool {
        var perZone = Array(repeating: 0, count: layout.zones)
        for (slot, record) in slots.enumerated() where record.group == group && record.countsTowardCapacity {
            perZone[zone(of: slot)] += 1
        }
        var chosen: Int?
        for (slot, record) in slots.enumerated() where record.state == .warmPool && !zoneDown[zone(of: slot)] {
            if chosen == nil || perZone[zone(of: slot)] < perZone[zone(of: chosen!)] { chosen = slot }
        }
        guard let slot = chosen else { return false }
        slots[slot].inPool = false
        slots[slot].fromPool = true
        slots[slot].group = group
        statistics.warmPoolLaunches.increment()
        if configuration.warmPool?.state == .stopped {
            setState(slot, .pending, at: simulation.now)
            schedule(.pendingDone, slot, at: simulation.now + configuration.launch.pending.sampleTime(launchTimes), in: simulation)
        } else {
            startApplication(slot, in: simulation)
        }
        return true
    }

    /// The warm pool's size: the maximum prepared capacity (the maximum size by default)
    /// less the desired capacity, at least its minimum.
    var warmPoolTarget: Int {
        guard let pool = configuration.warmPool else { return 0 }
        return max(pool.minSize, (pool.maxPreparedCapacity ?? configuration.maxSize) - groups[activeGroup].desired)
    }

    private func fillWarmPool(in simulation: Simulation) {
        guard configuration.warmPool != nil else { return }
        var pooled = 0
        for record in slots where record.inPool && record.state != .idle { pooled += 1 }
        let target = warmPoolTarget
        while pooled < target, launch(group: activeGroup, pool: true, in: simulation) { pooled += 1 }
        guard pooled > target else { return }
        for slot in slots.indices.reversed() where pooled > target && slots[slot].state == .warmPool {
            terminate(slot, in: simulation)
            pooled -= 1
        }
    }

    /// AZRebalance: when the zones that are up differ by two or more instances of the serving
    /// group, launch in the emptiest first (up to 10% above the desired capacity, at least
    /// one); the surplus is then terminated from the fullest. Not during a deployment.
    private func rebalanceZones(in simulation: Simulation) {
        guard rollout == nil, layout.zones > 1 else { return }
        let group = activeGroup
        let desired = groups[group].desired
        let allowance = max(1, (desired + 9) / 10)
        var counted = count(group: group) { $0.countsTowardCapacity }
        while counted < desired + allowance {
            var perZone = Array(repeating: 0, count: layout.zones)
            for (slot, record) in slots.enumerated() where record.group == group && record.countsTowardCapacity {
                perZone[zone(of: slot)] += 1
            }
            let up = (0..<layout.zones).filter { !zoneDown[$0] }
            guard let fewest = up.map({ perZone[$0] }).min(), let most = up.map({ perZone[$0] }).max(), most - fewest >= 2 else { return }
            guard launch(group: group, pool: false, in: simulation) else { return }
            statistics.rebalanceLaunches.increment()
            counted += 1
        }
    }

    /// Sets a group's desired capacity; a rise starts a time-to-capacity measurement.
    func setDesired(_ desired: Int, group: Int, at now: SimTime) {
        let old = groups[group].desired
        guard desired != old else { return }
        groups[group].desired = desired
        if group == activeGroup {
            statistics.desiredChanged(to: desired, at: now)
            if desired > old {
                capacityTargets.append((now, desired))
            } else {
                for index in capacityTargets.indices { capacityTargets[index].target = min(capacityTargets[index].target, desired) }
            }
        }
    }

    /// Scale-outs whose capacity is now in service: the time they took.
    private func checkCapacityTargets(at now: SimTime) {
        guard !capacityTargets.isEmpty else { return }
        let serving = count(group: activeGroup) { $0.state == .inService }
        capacityTargets.removeAll { target in
            guard serving >= target.target else { return false }
            statistics.timeToCapacity.record(now - target.since)
            return true
        }
    }
}
