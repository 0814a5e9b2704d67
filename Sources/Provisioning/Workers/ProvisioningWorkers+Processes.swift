import AWSModels
import Infra
import SimKernel

/// Processes entering service, leaving it and crashing, as their threads see it.
extension ProvisioningWorkers {
    /// The process takes work again: its threads that are not working start polling. A
    /// thread whose dead predecessor's call is still on its way starts when that arrives.
    func resume(process: Int, in simulation: Simulation) {
        for thread in threads(of: process) where !threads[thread].active && !threads[thread].staleMain {
            activate(thread: thread, in: simulation)
        }
    }

    private func activate(thread: Int, in simulation: Simulation) {
        threads[thread].active = true
        statistics.liveThreads.add(1, at: simulation.now)
        begin(.receive, thread: thread, in: simulation)
    }

    /// The thread's next receive, if its process still takes messages; otherwise it stops
    /// (a draining process has finished what it held).
    func poll(thread: Int, in simulation: Simulation) {
        guard processes[process(of: thread)].takesWork else {
            threads[thread].active = false
            statistics.liveThreads.add(-1, at: simulation.now)
            return
        }
        begin(.receive, thread: thread, in: simulation)
    }

    /// The process died: its threads drop the messages they hold (SQS shows them again when
    /// their visibility timeout ends) and stop; the events of their calls still on the way
    /// are dropped when they arrive.
    func crashed(process: Int, in simulation: Simulation) {
        let now = simulation.now
        let batch = configuration.workers.receiveBatch
        for thread in threads(of: process) {
            threads[thread].generation &+= 1
            if threads[thread].held > 0 {
                for index in 0..<threads[thread].held { held[thread * batch + index] = nil }
                statistics.lostInCrash.increment(by: UInt64(threads[thread].held - threads[thread].next))
                threads[thread].held = 0
                threads[thread].next = 0
                statistics.busyThreads.add(-1, at: now)
                processes[process].holdingChanged(by: -1, at: now)
            }
            if threads[thread].active {
                threads[thread].active = false
                threads[thread].staleMain = true
                statistics.liveThreads.add(-1, at: now)
            }
            if threads[thread].heartbeatInFlight { threads[thread].staleHeartbeat = true }
        }
    }

    /// Whether the event on `channel` belongs to a thread's dead process: then it is dropped,
    /// and a thread whose process is back in service starts polling afresh.
    func droppedStale(channel: Int, in simulation: Simulation) -> Bool {
        let thread = channel / 2
        if channel % 2 == 1 {
            guard threads[thread].staleHeartbeat else { return false }
            threads[thread].staleHeartbeat = false
            threads[thread].heartbeatInFlight = false
            return true
        }
        guard threads[thread].staleMain else { return false }
        threads[thread].staleMain = false
        if processes[process(of: thread)].takesWork { activate(thread: thread, in: simulation) }
        return true
    }

    /// A record write the dead process sent was applied all the same: the tenant is as its
    /// record says from now on (a later delivery finds it ACTIVE or FAILED and only deletes).
    func orphanedWriteLanded(thread: Int, outcome: SDKAttemptOutcome, at now: SimTime) {
        guard outcome == .success else { return }
        switch threads[thread].call {
        case .advanceRecord where threads[thread].stepsDone + 1 == effects.steps.count:
            ledger.settle(threads[thread].tenant, .ready, at: now)
        case .failRecord:
            ledger.settle(threads[thread].tenant, .failed, at: now)
        case .receive, .readRecord, .advanceRecord, .delete:
            break
        }
    }

    func holdsMessages(process: Int) -> Bool {
        threads(of: process).contains { threads[$0].held > 0 }
    }

    func threads(of process: Int) -> Range<Int> {
        let count = configuration.workers.threads
        return process * count..<(process + 1) * count
    }
}

/// The fleet of the workers scales on the queue's backlog: its visible messages.
extension ProvisioningWorkers: ScalingMetricSource {
    public func scalingTotal(at now: SimTime) -> Double {
        Double(queue.visibleMessages)
    }
}
