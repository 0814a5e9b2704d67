import AWSModels
@testable import Provisioning
import SimKernel
import Testing

/// Worker processes whose instances come and go, driven by hand the way a fleet drives them:
/// out of service and down before the run, `isUp` then `setInService(true)` when one enters
/// service, `setInService(false)` when it drains, `crash` when it dies.
@Suite struct WorkerProcessTests {
    /// The workflow with its processes given, all of them down and out of service at first.
    static func build(_ configuration: ProvisioningConfiguration, duration: SimTime) -> (ProvisioningSystem, Simulation) {
        let simulation = Simulation(seed: 7)
        let processes = ProvisioningWorkers.processes(configuration.workers, streams: simulation.streams)
        for process in processes {
            process.startsInService(false)
            process.isUp = false
        }
        let system = ProvisioningSystem(configuration, duration: duration, workerProcesses: processes, in: simulation)
        simulation.observe(warmupEnd: .zero, sampleInterval: .seconds(10))
        return (system, simulation)
    }

    static func enterService(_ process: WorkerProcess, in simulation: Simulation) {
        process.isUp = true
        process.setInService(true, in: simulation)
    }

    @Test func processesPollOnlyWhileInService() {
        var configuration = smallWorkflow()
        configuration.workers = WorkerPoolConfiguration(instances: 2, fleet: "workers", threads: 4)
        let (system, simulation) = Self.build(configuration, duration: .seconds(400))
        simulation.run(until: .seconds(100))
        #expect(system.ledger.lifetime[Int(TenantOutcome.ready.rawValue)].total == 0, "no process in service: nothing is received")
        #expect(system.queue.visibleMessages > 150)
        #expect(system.workers.statistics.deliveries.total == 0)

        Self.enterService(system.workers.processes[1], in: simulation)
        simulation.run(until: .seconds(200))
        let served = system.workers.processes[1].servedTotal
        #expect(served > 100 && system.workers.processes[0].servedTotal == 0)
        #expect(system.workers.statistics.liveThreads.value == 4)

        // Draining: what its threads hold finishes, and no thread receives again.
        let holding = system.workers.threads.filter { $0.held > 0 }.count
        #expect(holding > 0)
        system.workers.processes[1].setInService(false, in: simulation)
        simulation.run(until: .seconds(210))
        let deliveries = system.workers.statistics.deliveries.total
        #expect(system.workers.threads.allSatisfy { $0.held == 0 && !$0.active })
        #expect(system.workers.statistics.liveThreads.value == 0)
        simulation.run(until: .seconds(400))
        #expect(system.workers.statistics.deliveries.total == deliveries, "a drained process takes no new message")
        #expect(system.workers.statistics.lostInCrash.total == 0)
    }

    /// One tenant, one thread, a 20 s step, a 60 s visibility timeout and no heartbeat: the
    /// process dies 5 s into the step and a replacement enters service at once. The message
    /// comes back only when its visibility timeout ends; the keyed step, which ran on
    /// remotely, is not run again, and the tenant becomes ready once.
    @Test func aCrashMidStepLetsTheMessageReappearAfterItsVisibilityTimeout() {
        var configuration = smallWorkflow()
        configuration.signups = oneSignup
        configuration.queue.visibilityTimeout = .seconds(60)
        configuration.steps = [ProvisioningStep(name: "database", duration: .constant(20))]
        configuration.workers = WorkerPoolConfiguration(instances: 1, fleet: "workers", threads: 1)
        let (system, simulation) = Self.build(configuration, duration: .seconds(300))
        let process = system.workers.processes[0]
        Self.enterService(process, in: simulation)
        simulation.run(until: .seconds(6))
        #expect(system.workers.statistics.deliveries.total == 1 && system.workers.threads[0].held == 1)
        process.crash(in: simulation)
        process.setInService(false, in: simulation)
        Self.enterService(process, in: simulation)
        simulation.run(until: .seconds(60))
        #expect(system.workers.statistics.deliveries.total == 1, "hidden until its visibility timeout ends")
        #expect(system.workers.statistics.lostInCrash.total == 1)
        simulation.run(until: .seconds(300))
        let ready = system.ledger.lifetime[Int(TenantOutcome.ready.rawValue)].total
        #expect(ready == 1 && system.ledger.outcomes == [.ready])
        #expect(system.workers.statistics.redeliveries.total == 1)
        #expect(system.effects.duplicateEffects.total == 0)
        // Received about 1 s in, visible again 60 s later, then a no-op step and two calls.
        #expect(system.ledger.timeToReady.lifetimeCount == 1)
        let readyAfter = system.ledger.timeToReady.lifetimeSum
        #expect(readyAfter >= 60 && readyAfter < 62, "ready after \(readyAfter) s")
    }

    @Test func theSameCrashGivesTheSameRun() {
        func digest() -> [UInt64] {
            var configuration = smallWorkflow()
            configuration.workers = WorkerPoolConfiguration(instances: 3, fleet: "workers", threads: 2)
            let (system, simulation) = Self.build(configuration, duration: .seconds(200))
            for process in system.workers.processes { Self.enterService(process, in: simulation) }
            simulation.run(until: .seconds(50))
            system.workers.processes[1].crash(in: simulation)
            system.workers.processes[2].setInService(false, in: simulation)
            simulation.run(until: .seconds(200))
            return simulation.report().values.map(\.bitPattern)
        }
        #expect(digest() == digest())
    }
}

/// A process that dies with the write that makes its tenant ACTIVE on its way: the write
/// lands, so the tenant is ready then; the message, never deleted, comes back after its
/// visibility timeout and the delivery only deletes it.
@Suite struct OrphanedWriteTests {
    @Test func aWriteSentBeforeTheCrashStillMakesTheTenantReadyOnce() {
        var configuration = smallWorkflow()
        configuration.signups = oneSignup
        configuration.queue.visibilityTimeout = .seconds(60)
        configuration.steps = [ProvisioningStep(name: "database", duration: .constant(20))]
        configuration.workers = WorkerPoolConfiguration(instances: 1, fleet: "workers", threads: 1)
        let (system, simulation) = WorkerProcessTests.build(configuration, duration: .seconds(200))
        let process = system.workers.processes[0]
        WorkerProcessTests.enterService(process, in: simulation)
        simulation.run(until: .seconds(20))
        var now = SimTime.seconds(20)
        while system.workers.threads[0].call != .advanceRecord, now < .seconds(25) {
            now = now + .microseconds(100)
            simulation.run(until: now)
        }
        #expect(system.workers.threads[0].call == .advanceRecord)
        process.crash(in: simulation)
        process.setInService(false, in: simulation)
        WorkerProcessTests.enterService(process, in: simulation)
        simulation.run(until: .seconds(200))
        #expect(system.ledger.outcomes == [.ready])
        #expect(system.ledger.timeToReady.lifetimeCount == 1 && system.ledger.timeToReady.lifetimeSum < 21)
        #expect(system.workers.statistics.idempotentNoOps.total == 1 && system.workers.statistics.deleted.total == 1)
        #expect(system.queue.visibleMessages == 0 && system.queue.inFlightMessages == 0)
    }
}
