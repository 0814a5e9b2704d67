import SimKernel

/// EC2 Auto Scaling's instance refresh: the launch template already names the new release;
/// old instances are terminated while the healthy ones (old in service, and new in service
/// past their warm-up) stay at or above the minimum healthy percentage of the desired
/// capacity, and the group launches their replacements (ahead of them, up to the maximum
/// healthy percentage). With both at 100% it replaces one instance at a time, as AWS does.
extension Fleet {
    func stepRefresh(_ preferences: InstanceRefreshPreferences, in simulation: Simulation) {
        guard var rollout else { return }
        let now = simulation.now
        if let paused = rollout.pausedUntil, now < paused { return }
        guard rollout.bakeUntil == nil else { return }
        let group = activeGroup
        let desired = groups[group].desired
        let warmup = preferences.instanceWarmup ?? configuration.scalingWarmup
        var active = 0
        var newActive = 0
        var newReady = 0
        var healthy = 0
        var oldRemaining = 0
        var oldServing = 0
        for record in slots where record.state != .idle && record.group == group && record.countsTowardCapacity {
            active += 1
            if rollout.launchedItself(record, skipMatching: preferences.skipMatching) {
                newActive += 1
                if record.state == .inService, now >= record.inServiceAt + warmup {
                    newReady += 1
                    healthy += 1
                }
                continue
            }
            if record.state == .inService { healthy += 1 }
            if record.protectedFromScaleIn, preferences.protectedInstances == .ignore { continue }
            oldRemaining += 1
            if record.isServingForGroup, !record.protectedFromScaleIn || preferences.protectedInstances == .refresh { oldServing += 1 }
        }
        if rollout.nextCheckpoint < preferences.checkpoints.count, oldRemaining > 0,
           newReady * 100 >= preferences.checkpoints[rollout.nextCheckpoint] * max(desired, 1) {
            rollout.nextCheckpoint += 1
            rollout.pausedUntil = now + preferences.checkpointDelay
            self.rollout = rollout
            simulation.schedule(at: now + preferences.checkpointDelay, target: id, kind: Kind.rolloutTimer.rawValue, argument: UInt64(rollout.serial))
            return
        }
        if oldRemaining == 0, newReady == newActive {
            if preferences.bakeTime > .zero {
                rollout.bakeUntil = now + preferences.bakeTime
                self.rollout = rollout
                simulation.schedule(at: now + preferences.bakeTime, target: id, kind: Kind.rolloutTimer.rawValue, argument: UInt64(rollout.serial))
            } else {
                finish(success: true, in: simulation)
            }
            return
        }
        let minimum = (desired * preferences.minHealthyPercentage + 99) / 100
        let maximum = refreshCeiling(group: group)!
        var surge = min(maximum - active, desired - newActive)
        while surge > 0, launch(group: group, pool: false, in: simulation) {
            surge -= 1
            active += 1
            newActive += 1
        }
        var replaceable = healthy - minimum
        if replaceable <= 0, newActive == newReady, active >= maximum { replaceable = 1 }
        for _ in 0..<max(0, min(replaceable, oldServing)) {
            let victim = scaleInVictim(group: group, at: now, includingProtected: preferences.protectedInstances == .refresh) {
                !rollout.launchedItself($0, skipMatching: preferences.skipMatching)
            }
            guard let victim else { break }
            drain(victim, delay: configuration.deregistrationDelay, then: .terminate, in: simulation)
        }
    }

    /// The instances `group` may hold while a refresh runs on it: the maximum healthy
    /// percentage of its desired capacity; nil when no refresh runs on it.
    func refreshCeiling(group: Int) -> Int? {
        guard let rollout, group == activeGroup, case .immutableRefresh(let preferences) = rollout.strategy else { return nil }
        let desired = groups[group].desired
        return max(desired, desired * preferences.maxHealthyPercentage / 100)
    }
}
