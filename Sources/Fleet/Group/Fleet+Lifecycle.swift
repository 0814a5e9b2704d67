import Infra
import SimKernel

/// An instance's way from launch to termination: pending -> booting -> configuring (a Salt
/// highstate through the master) -> starting -> in service (or standby) -> draining ->
/// terminated; a warm-pool instance stops after configuring, and later starts without it.
extension Fleet {
    /// Launches an instance of `group` (or for the warm pool) in the zone that has fewest of
    /// them; false when no zone that is up has a free slot.
    @discardableResult
    func launch(group: Int, pool: Bool, in simulation: Simulation) -> Bool {
        guard let slot = takeSlot(group: group, pool: pool) else { return false }
        occupy(slot, group: group, pool: pool, at: simulation.now)
        setState(slot, .pending, at: simulation.now)
        statistics.launches.increment()
        schedule(.pendingDone, slot, at: simulation.now + configuration.launch.pending.sampleTime(launchTimes), in: simulation)
        return true
    }

    /// A new instance in `slot`, from its group's launch template.
    func occupy(_ slot: Int, group: Int, pool: Bool, at now: SimTime) {
        var record = FleetInstance()
        record.generation = slots[slot].generation &+ 1
        record.group = group
        record.image = groups[group].image
        record.release = groups[group].release
        launchSerial += 1
        record.launchSerial = launchSerial
        record.launchedAt = now
        record.inPool = pool
        slots[slot] = record
    }

    /// A free slot for a launch: in the zone, among those up with a free slot, holding fewest
    /// of the group's instances (or of the pool's), the first such zone on a tie.
    func takeSlot(group: Int, pool: Bool) -> Int? {
        var counts = Array(repeating: 0, count: layout.zones)
        for (slot, record) in slots.enumerated() where pool ? record.inPool && record.state != .idle : record.group == group && record.countsTowardCapacity {
            counts[zone(of: slot)] += 1
        }
        var best: Int?
        for zone in 0..<layout.zones where !zoneDown[zone] && !freeSlots[zone].isEmpty {
            if best == nil || counts[zone] < counts[best!] { best = zone }
        }
        guard let best else { return nil }
        return freeSlots[best].popLast()
    }

    func lifecycle(_ kind: Kind, slot: Int, in simulation: Simulation) {
        let now = simulation.now
        switch kind {
        case .pendingDone:
            setState(slot, .booting, at: now)
            schedule(.bootDone, slot, at: now + configuration.launch.boot.sampleTime(launchTimes), in: simulation)
        case .bootDone:
            if slots[slot].fromPool || !configuration.launch.configureAtBoot {
                configured(slot, in: simulation)
            } else {
                beginHighstate(slot, apply: salt.configuration.highstate, in: simulation)
            }
        case .applied:
            let returned = salt.serve(requests: 1, in: simulation)
            if returned > slots[slot].configureDeadline {
                schedule(.configureTimedOut, slot, at: slots[slot].configureDeadline, in: simulation)
            } else {
                schedule(.configured, slot, at: returned, in: simulation)
            }
        case .configured:
            salt.runDurations.record(now - slots[slot].configureStart)
            let failureProbability = slots[slot].patching ? patchFailureProbability : salt.configuration.failureProbability
            if highstates.bernoulli(failureProbability) {
                salt.failures.increment()
                configurationFailed(slot, in: simulation)
            } else if slots[slot].patching {
                patchApplied(slot, in: simulation)
            } else {
                configured(slot, in: simulation)
            }
        case .configureTimedOut:
            salt.runDurations.record(now - slots[slot].configureStart)
            salt.timeouts.increment()
            configurationFailed(slot, in: simulation)
        case .started:
            enterService(slot, in: simulation)
        case .warmedUp:
            break
        case .drained:
            drained(slot, in: simulation)
        case .failure:
            statistics.randomFailures.increment()
            crash(slot, in: simulation)
        case .detected:
            guard slots[slot].state == .impaired else { return }
            statistics.replacements.increment()
            noteFailedInstance(slot, in: simulation)
            terminate(slot, in: simulation)
        case .drift:
            markDrifted(slot, at: now)
        case .metricTick, .deploymentDue, .rolloutTimer, .alarmTick:
            preconditionFailure("not an instance event")
        }
    }

    /// A highstate: the minion's requests queue at the master, it applies its states, and
    /// its return queues at the master again; not returned by the timeout, it has failed.
    func beginHighstate(_ slot: Int, apply: Distribution, in simulation: Simulation) {
        let now = simulation.now
        setState(slot, .configuring, at: now)
        salt.runs.increment()
        slots[slot].configureStart = now
        slots[slot].configureDeadline = now + salt.configuration.timeout
        let requests = salt.configuration.requestsPerHighstate - 1
        let compiled = requests > 0 ? salt.serve(requests: requests, in: simulation) : now
        let applied = compiled + apply.sampleTime(highstates)
        if applied > slots[slot].configureDeadline {
            schedule(.configureTimedOut, slot, at: slots[slot].configureDeadline, in: simulation)
        } else {
            schedule(.applied, slot, at: applied, in: simulation)
        }
    }

    /// Configured (or needing no configuration): into the warm pool, or on to start the
    /// application (a running warm-pool instance is already started).
    func configured(_ slot: Int, in simulation: Simulation) {
        if slots[slot].inPool {
            setState(slot, .warmPool, at: simulation.now)
        } else {
            startApplication(slot, in: simulation)
        }
    }

    func startApplication(_ slot: Int, in simulation: Simulation) {
        setState(slot, .starting, at: simulation.now)
        schedule(.started, slot, at: simulation.now + configuration.launch.appBootstrap.sampleTime(launchTimes), in: simulation)
    }

    /// The application passed its health check: into the host set if its group serves,
    /// standing by otherwise.
    func enterService(_ slot: Int, in simulation: Simulation) {
        let now = simulation.now
        instances[slot].isUp = true
        applyBehaviour(slot)
        let returning = slots[slot].patching
        slots[slot].patching = false
        slots[slot].fromPool = false
        if !returning {
            slots[slot].inServiceAt = now
            slots[slot].warmUntil = now + configuration.scalingWarmup
            statistics.launchToService.record(now - slots[slot].launchedAt)
            if slots[slot].warmUntil > now { schedule(.warmedUp, slot, at: slots[slot].warmUntil, in: simulation) }
            scheduleFailure(slot, in: simulation)
        }
        if groups[slots[slot].group].routesTraffic {
            setState(slot, .inService, at: now)
            instances[slot].setInService(true, in: simulation)
        } else {
            setState(slot, .standby, at: now)
        }
    }

    /// Out of the host set; the instance finishes what it holds for up to `delay` (less when
    /// it is done sooner), then `then` happens.
    func drain(_ slot: Int, delay: SimTime, then: FleetInstance.AfterDrain, in simulation: Simulation) {
        let now = simulation.now
        if instances[slot].isInService { instances[slot].setInService(false, in: simulation) }
        setState(slot, .draining, at: now)
        slots[slot].afterDrain = then
        let end = min(now + delay, max(now, instances[slot].busyUntil(now: now)))
        schedule(.drained, slot, at: end, in: simulation)
    }

    private func drained(_ slot: Int, in simulation: Simulation) {
        switch slots[slot].afterDrain {
        case .terminate:
            terminate(slot, in: simulation)
        case .patch:
            beginHighstate(slot, apply: patchHighstate, in: simulation)
        case .pool:
            instances[slot].crash(in: simulation)
            slots[slot].inPool = true
            slots[slot].afterDrain = .terminate
            slots[slot].fromPool = true
            setState(slot, .warmPool, at: simulation.now)
        }
    }

    /// The instance is gone: what it still holds is reset, its slot is free.
    func terminate(_ slot: Int, in simulation: Simulation) {
        guard slots[slot].state != .idle else { return }
        if instances[slot].isInService { instances[slot].setInService(false, in: simulation) }
        if instances[slot].isUp { instances[slot].crash(in: simulation) }
        if slots[slot].drifted {
            slots[slot].drifted = false
            statistics.driftedChanged(by: -1, at: simulation.now)
        }
        setState(slot, .idle, at: simulation.now)
        slots[slot].generation &+= 1
        slots[slot].inPool = false
        slots[slot].patching = false
        freeSlots[zone(of: slot)].append(slot)
        freeSlots[zone(of: slot)].sort(by: >)
        statistics.terminations.increment()
    }

    /// The instance dies (a hardware failure, its zone). A draining or parked instance is
    /// simply gone; any other stays counted (and in the host set) until health checks notice,
    /// not before its grace period is over.
    func crash(_ slot: Int, in simulation: Simulation) {
        let now = simulation.now
        let state = slots[slot].state
        guard state != .idle, state != .impaired else { return }
        if instances[slot].isUp { instances[slot].crash(in: simulation) }
        if state == .draining || state == .warmPool {
            terminate(slot, in: simulation)
            return
        }
        slots[slot].generation &+= 1
        slots[slot].crashedEarly = !(state == .inService || state == .standby) || now < slots[slot].warmUntil
        setState(slot, .impaired, at: now)
        var noticed = now + configuration.healthCheck.detectionDelay(phase: healthChecks.uniform())
        if state == .inService || state == .standby {
            noticed = max(noticed, slots[slot].inServiceAt + configuration.healthCheck.gracePeriod)
        }
        schedule(.detected, slot, at: noticed, in: simulation)
    }

    /// A highstate failed or did not return: a launch is abandoned, a patched instance is
    /// broken; either way the instance is terminated and the group replaces it.
    private func configurationFailed(_ slot: Int, in simulation: Simulation) {
        if slots[slot].patching {
            statistics.patchFailures.increment()
        } else {
            statistics.launchFailures.increment()
        }
        noteFailedInstance(slot, in: simulation)
        terminate(slot, in: simulation)
    }

    /// Random failures: one draw per instance life, exponential with the fleet's MTBF.
    func scheduleFailure(_ slot: Int, in simulation: Simulation) {
        guard let mtbf = configuration.meanTimeBetweenFailures, !slots[slot].failureScheduled else { return }
        slots[slot].failureScheduled = true
        schedule(.failure, slot, at: simulation.now + SimTime(seconds: failureTimes.exponential(mean: mtbf.seconds)), in: simulation)
    }

    func markDrifted(_ slot: Int, at now: SimTime) {
        guard !slots[slot].drifted else { return }
        slots[slot].drifted = true
        statistics.driftedChanged(by: 1, at: now)
        applyBehaviour(slot)
    }

    /// How the instance serves now: its service's behaviour, worsened by any active defect of
    /// its release and by drift.
    func applyBehaviour(_ slot: Int) {
        var speed = baseSpeed
        var success = 1 - baseErrorProbability
        for (index, defect) in defects.enumerated() where defectActive[index] && defect.image == slots[slot].release {
            speed *= defect.speed
            success *= 1 - defect.errorProbability
        }
        if slots[slot].drifted {
            speed *= configuration.drift.speed
            success *= 1 - configuration.drift.errorProbability
        }
        instances[slot].setBehaviour(speed: speed, errorProbability: min(1, max(0, 1 - success)))
    }

    /// Moves an instance to `state`, keeping the counts by state and billing in step.
    func setState(_ slot: Int, _ state: InstanceState, at now: SimTime) {
        let old = slots[slot].state
        slots[slot].state = state
        let billable = state != .idle && !(state == .warmPool && configuration.warmPool?.state == .stopped)
        statistics.stateChanged(from: old, to: state, billableBefore: slots[slot].billable, billableAfter: billable, at: now)
        slots[slot].billable = billable
    }
}
