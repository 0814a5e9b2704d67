import SimKernel

/// Blue/green: the second group launches at the serving group's desired capacity and stands
/// by; once all of it is in service and warm, traffic switches to it at once, and the
/// original group stands by out of the host set for the keep-original window (an alarm in it
/// switches back) before it is terminated. Too many failed launches before the switch, and
/// the new group is abandoned: clients never saw it.
extension Fleet {
    func stepBlueGreen(in simulation: Simulation) {
        guard let rollout, !rollout.switched else { return }
        let green = 1 - activeGroup
        setDesired(groups[activeGroup].desired, group: green, at: simulation.now)
        let now = simulation.now
        let ready = count(group: green) { $0.state == .standby && $0.warmUntil <= now }
        let coming = count(group: green) { $0.countsTowardCapacity && $0.state != .standby }
        guard ready >= groups[green].desired, coming == 0 else { return }
        switchTraffic(in: simulation)
    }

    private func switchTraffic(in simulation: Simulation) {
        guard var rollout, case .blueGreen(let preferences) = rollout.strategy else { return }
        let now = simulation.now
        let blue = activeGroup
        let green = 1 - blue
        exchangeRoles(serving: green, standingBy: blue, in: simulation)
        rollout.switched = true
        self.rollout = rollout
        discardStalePool(in: simulation)
        simulation.schedule(at: now + preferences.keepOriginal, target: id, kind: Kind.rolloutTimer.rawValue, argument: UInt64(rollout.serial))
    }

    /// The alarm fired after the switch: traffic goes back to the original group, and the new
    /// one drains and goes.
    func switchBack(in simulation: Simulation) {
        let green = activeGroup
        let blue = 1 - green
        exchangeRoles(serving: blue, standingBy: green, in: simulation)
        statistics.rollbacks.increment()
        groups[green].managed = false
        for slot in slots.indices where slots[slot].state != .idle && slots[slot].group == green && !slots[slot].inPool {
            if slots[slot].state == .standby {
                drain(slot, delay: configuration.deregistrationDelay, then: .terminate, in: simulation)
            } else {
                terminate(slot, in: simulation)
            }
        }
        groups[green].desired = 0
    }

    /// Before the switch: the new group goes.
    func abandonGreenGroup(in simulation: Simulation) {
        let green = 1 - activeGroup
        groups[green].managed = false
        groups[green].desired = 0
        for slot in slots.indices where slots[slot].state != .idle && slots[slot].group == green && !slots[slot].inPool {
            terminate(slot, in: simulation)
        }
    }

    /// The keep-original window is over: the original group goes, and the deployment is done.
    func retireOriginalGroup(in simulation: Simulation) {
        let blue = 1 - activeGroup
        for slot in slots.indices where slots[slot].state != .idle && slots[slot].group == blue && !slots[slot].inPool {
            if slots[slot].state == .standby {
                drain(slot, delay: configuration.deregistrationDelay, then: .terminate, in: simulation)
            } else {
                terminate(slot, in: simulation)
            }
        }
        groups[blue].desired = 0
        finish(success: true, in: simulation)
    }

    /// `serving` takes the traffic and the scaling, `standingBy` leaves the host set; the new
    /// hosts join before the old ones leave, so the host set is never empty.
    private func exchangeRoles(serving: Int, standingBy: Int, in simulation: Simulation) {
        let now = simulation.now
        groups[serving].routesTraffic = true
        groups[serving].managed = true
        groups[standingBy].routesTraffic = false
        groups[standingBy].managed = false
        for slot in slots.indices where slots[slot].group == serving && slots[slot].state == .standby && !slots[slot].inPool {
            setState(slot, .inService, at: now)
            instances[slot].setInService(true, in: simulation)
        }
        for slot in slots.indices where slots[slot].group == standingBy && slots[slot].state == .inService && !slots[slot].inPool {
            instances[slot].setInService(false, in: simulation)
            setState(slot, .standby, at: now)
        }
        activeGroup = serving
        statistics.desiredChanged(to: groups[serving].desired, at: now)
    }
}
