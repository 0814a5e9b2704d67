import SimKernel

/// In-place patching with Salt: batches of in-service instances leave the host set, drain,
/// run a highstate of the new release and restart, while the in-service instances stay at or
/// above the minimum healthy percentage (one at a time at least). A failed patch breaks the
/// instance, which the group replaces; a patched instance may drift.
extension Fleet {
    func stepInPlace(_ preferences: InPlacePreferences, in simulation: Simulation) {
        guard let rollout else { return }
        let group = activeGroup
        let desired = groups[group].desired
        let target = rollout.to.release
        var unpatched = 0
        var patching = 0
        var serving = 0
        for record in slots where record.state != .idle && record.group == group && record.countsTowardCapacity {
            if record.patching {
                patching += 1
            } else if record.release != target {
                unpatched += 1
            }
            if record.state == .inService { serving += 1 }
        }
        if unpatched == 0, patching == 0 {
            finish(success: true, in: simulation)
            return
        }
        let minimum = (desired * preferences.minHealthyPercentage + 99) / 100
        let batch = preferences.batchSize ?? max(1, desired - minimum)
        while patching < batch, serving - 1 >= minimum || patching == 0 {
            let candidate = scaleInVictim(group: group, at: simulation.now, includingProtected: true) {
                $0.state == .inService && $0.release != target
            }
            guard let slot = candidate else { break }
            slots[slot].patching = true
            slots[slot].patchRelease = target
            drain(slot, delay: preferences.drain ?? configuration.deregistrationDelay, then: .patch, in: simulation)
            patching += 1
            serving -= 1
        }
    }

    /// The highstate applied the release: the instance runs it now, perhaps drifted, and
    /// restarts its application.
    func patchApplied(_ slot: Int, in simulation: Simulation) {
        statistics.patches.increment()
        slots[slot].release = slots[slot].patchRelease
        slots[slot].patchedInPlace = true
        if driftDraws.bernoulli(patchDriftProbability) { markDrifted(slot, at: simulation.now) }
        if let mean = configuration.drift.meanTimeToDrift, !slots[slot].driftScheduled {
            slots[slot].driftScheduled = true
            schedule(.drift, slot, at: simulation.now + SimTime(seconds: driftDraws.exponential(mean: mean.seconds)), in: simulation)
        }
        applyBehaviour(slot)
        startApplication(slot, in: simulation)
    }

    private var inPlacePreferences: InPlacePreferences? {
        guard let rollout, case .inPlace(let preferences) = rollout.strategy else { return nil }
        return preferences
    }

    var patchHighstate: Distribution {
        inPlacePreferences?.patch ?? salt.configuration.highstate
    }

    var patchFailureProbability: Double {
        inPlacePreferences?.failureProbability ?? salt.configuration.failureProbability
    }

    private var patchDriftProbability: Double {
        inPlacePreferences?.driftProbability ?? configuration.drift.patchProbability
    }
}
