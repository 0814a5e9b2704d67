import SimKernel

/// Deployments run one at a time per fleet, in the order they are due. One that launches
/// from its image waits for Packer to bake it, and fails if the bake does. A deployment fails
/// when too many of its instances fail or when its alarm fires; with automatic rollback the
/// fleet then returns to the release it ran before, the same way.
extension Fleet {
    func startNextDeployment(in simulation: Simulation) {
        while rollout == nil, !waitingForImage, let index = deploymentQueue.first {
            let deployment = deployments[index]
            if deployment.strategy.needsImage {
                switch packer.status[deployment.image] {
                case .baking:
                    waitingForImage = true
                    return
                case .failed:
                    deploymentQueue.removeFirst()
                    statistics.deployments.increment()
                    statistics.deploymentsFailed.increment()
                    statistics.deploymentDuration.record(simulation.now - deployment.at)
                    continue
                case .available:
                    break
                }
            }
            deploymentQueue.removeFirst()
            statistics.deployments.increment()
            deploymentSnapshot = servedAndErrors()
            let group = groups[activeGroup]
            begin(index, rollback: false, from: (group.image, group.release), to: (deployment.image, deployment.image), in: simulation)
        }
    }

    /// Packer finished with an image: a deployment waiting for it may start.
    func imageSettled(_ image: Int, in simulation: Simulation) {
        guard waitingForImage, let index = deploymentQueue.first, deployments[index].image == image else { return }
        waitingForImage = false
        startNextDeployment(in: simulation)
        settle(in: simulation)
    }

    private func begin(_ index: Int, rollback: Bool, from: (image: Int, release: Int), to: (image: Int, release: Int), in simulation: Simulation) {
        let deployment = deployments[index]
        rolloutSerial &+= 1
        rollout = Rollout(
            deployment: index, strategy: deployment.strategy, isRollback: rollback, from: from, to: to, serial: rolloutSerial,
            startedAt: simulation.now, startSerial: launchSerial)
        switch deployment.strategy {
        case .immutableRefresh:
            groups[activeGroup].image = to.image
            groups[activeGroup].release = to.release
        case .inPlace:
            groups[activeGroup].release = to.release
        case .blueGreen:
            let green = 1 - activeGroup
            groups[green] = GroupState(desired: 0, image: to.image, release: to.release, routesTraffic: false, managed: true)
            setDesired(groups[activeGroup].desired, group: green, at: simulation.now)
        }
        discardStalePool(in: simulation)
        if !rollback, let alarm = deployment.alarm {
            for slot in slots.indices { alarmSnapshots[slot] = snapshot(slot) }
            simulation.schedule(after: alarm.period, target: id, kind: Kind.alarmTick.rawValue, argument: UInt64(rolloutSerial))
        }
    }

    /// The warm pool holds only instances of the launch template the group now uses.
    func discardStalePool(in simulation: Simulation) {
        let group = groups[activeGroup]
        for slot in slots.indices where slots[slot].inPool && slots[slot].state != .idle {
            if slots[slot].release != group.release || slots[slot].image != group.image { terminate(slot, in: simulation) }
        }
    }

    func stepRollout(in simulation: Simulation) {
        guard let rollout else { return }
        switch rollout.strategy {
        case .immutableRefresh(let preferences): stepRefresh(preferences, in: simulation)
        case .blueGreen: stepBlueGreen(in: simulation)
        case .inPlace(let preferences): stepInPlace(preferences, in: simulation)
        }
    }

    func rolloutTimerFired(in simulation: Simulation) {
        guard let rollout else { return }
        switch rollout.strategy {
        case .immutableRefresh:
            if let bake = rollout.bakeUntil, simulation.now >= bake {
                finish(success: true, in: simulation)
            } else {
                self.rollout?.pausedUntil = nil
            }
        case .blueGreen:
            retireOriginalGroup(in: simulation)
        case .inPlace:
            break
        }
    }

    /// Ends the rollout. A failed deployment with automatic rollback starts its rollback (a
    /// blue/green deployment has switched back already); the next deployment may then start.
    func finish(success: Bool, in simulation: Simulation) {
        guard let ended = rollout else { return }
        let now = simulation.now
        let deployment = deployments[ended.deployment]
        rollout = nil
        if ended.isRollback {
            statistics.rollbackDuration.record(now - ended.startedAt)
        } else {
            statistics.deploymentDuration.record(now - deployment.at)
            if success {
                statistics.deploymentsSucceeded.increment()
            } else {
                statistics.deploymentsFailed.increment()
                if deployment.autoRollback, deployment.strategy.needsRollout {
                    statistics.rollbacks.increment()
                    begin(ended.deployment, rollback: true, from: ended.to, to: ended.from, in: simulation)
                    return
                }
            }
        }
        let (served, errors) = servedAndErrors()
        statistics.requestsDuringDeployments += served - deploymentSnapshot.served
        statistics.errorsDuringDeployments += errors - deploymentSnapshot.errors
        startNextDeployment(in: simulation)
    }

    /// One of the rollout's instances failed: it did not configure, did not patch, or died
    /// before its warm-up ended. Too many, and the deployment fails.
    func noteFailedInstance(_ slot: Int, in simulation: Simulation) {
        guard var rollout, !rollout.isRollback else { return }
        let record = slots[slot]
        let counts: Bool
        switch rollout.strategy {
        case .inPlace: counts = record.patching
        case .immutableRefresh, .blueGreen: counts = rollout.launchedItself(record) && (record.state == .configuring || record.crashedEarly)
        }
        guard counts else { return }
        rollout.failedInstances += 1
        self.rollout = rollout
        guard rollout.failedInstances >= deployments[rollout.deployment].failedInstancesLimit else { return }
        statistics.failedInstanceAborts.increment()
        fail(in: simulation)
    }

    /// The alarm's period ended: the error ratio of the new release's in-service instances.
    func evaluateAlarm(in simulation: Simulation) {
        guard let rollout, let alarm = deployments[rollout.deployment].alarm else { return }
        var served: UInt64 = 0
        var errors: UInt64 = 0
        for slot in slots.indices {
            let current = snapshot(slot)
            let previous = alarmSnapshots[slot]
            alarmSnapshots[slot] = current
            guard slots[slot].state == .inService, slots[slot].release == rollout.to.release else { continue }
            served += current.served - previous.served
            errors += current.errors - previous.errors
        }
        if served >= UInt64(alarm.minimumRequests), Double(errors) / Double(served) > alarm.errorRatio {
            statistics.alarmsFired.increment()
            fail(in: simulation)
            return
        }
        simulation.schedule(after: alarm.period, target: id, kind: Kind.alarmTick.rawValue, argument: UInt64(rollout.serial))
    }

    private func fail(in simulation: Simulation) {
        guard let rollout else { return }
        if case .blueGreen = rollout.strategy {
            if rollout.switched { switchBack(in: simulation) } else { abandonGreenGroup(in: simulation) }
        }
        finish(success: false, in: simulation)
    }

    private func snapshot(_ slot: Int) -> MetricSnapshot {
        MetricSnapshot(served: instances[slot].servedTotal, errors: instances[slot].errorsTotal)
    }

    private func servedAndErrors() -> (served: UInt64, errors: UInt64) {
        var served: UInt64 = 0
        var errors: UInt64 = 0
        for instance in instances {
            served += instance.servedTotal
            errors += instance.errorsTotal
        }
        return (served, errors)
    }
}

extension DeploymentConfiguration.Strategy {
    /// Whether undoing it takes a rollout of its own (blue/green switches back instead).
    var needsRollout: Bool {
        if case .blueGreen = self { return false }
        return true
    }
}
