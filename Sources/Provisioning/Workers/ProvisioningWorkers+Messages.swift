import AWSModels
import SimKernel

/// A thread's batches and the work on each message.
extension ProvisioningWorkers {
    func received(thread: Int, reply: SQSReply, in simulation: Simulation) {
        guard reply.count > 0 else {
            statistics.emptyReceives.increment()
            return poll(thread: thread, in: simulation)
        }
        let base = thread * configuration.workers.receiveBatch
        for index in 0..<reply.count {
            held[base + index] = queue.receivedMessage(index, of: reply)
        }
        threads[thread].held = reply.count
        threads[thread].next = 0
        statistics.busyThreads.add(1, at: simulation.now)
        processes[process(of: thread)].holdingChanged(by: 1, at: simulation.now)
        if let heartbeat = configuration.workers.heartbeat {
            simulation.schedule(
                after: heartbeat.interval, target: id, kind: Kind.heartbeat.rawValue, subject: UInt32(thread),
                argument: UInt64(threads[thread].generation))
        }
        startMessage(thread: thread, in: simulation)
    }

    /// Starts on the thread's next held message, or polls again when none is left.
    private func startMessage(thread: Int, in simulation: Simulation) {
        guard threads[thread].next < threads[thread].held else {
            let base = thread * configuration.workers.receiveBatch
            for index in 0..<threads[thread].held { held[base + index] = nil }
            threads[thread].held = 0
            threads[thread].next = 0
            threads[thread].generation &+= 1
            statistics.busyThreads.add(-1, at: simulation.now)
            processes[process(of: thread)].holdingChanged(by: -1, at: simulation.now)
            return poll(thread: thread, in: simulation)
        }
        let message = currentMessage(of: thread)
        threads[thread].tenant = UInt32(truncatingIfNeeded: message.body - configuration.tenantKeyOffset)
        threads[thread].receiveCount = message.receiveCount
        statistics.deliveries.increment()
        if message.receiveCount > 1 { statistics.redeliveries.increment() }
        begin(.readRecord, thread: thread, in: simulation)
    }

    /// The record as the delivery finds it decides what is left to do.
    func read(_ record: DynamoDBItemState, thread: Int, in simulation: Simulation) {
        guard record.exists else {
            // An eventually consistent read can miss a record just written: try again later.
            statistics.withoutRecord.increment()
            return abandon(thread: thread, in: simulation)
        }
        guard let done = TenantRecordStatus.stepsDone(record.status) else {
            // ACTIVE or FAILED: a duplicate delivery of finished work.
            statistics.idempotentNoOps.increment()
            return begin(.delete, thread: thread, in: simulation)
        }
        threads[thread].stepsDone = done
        threads[thread].version = record.version
        runStep(thread: thread, in: simulation)
    }

    func runStep(thread: Int, in simulation: Simulation) {
        let process = processes[process(of: thread)]
        if process.errorProbability > 0, process.releaseErrors.bernoulli(process.errorProbability) {
            statistics.releaseErrors.increment()
            return abandon(thread: thread, in: simulation)
        }
        let run = effects.begin(tenant: threads[thread].tenant, step: threads[thread].stepsDone, at: simulation.now)
        threads[thread].run = run
        simulation.schedule(at: run.end, target: id, kind: Kind.stepDone.rawValue, subject: UInt32(thread))
    }

    func stepEnded(thread: Int, in simulation: Simulation) {
        let run = threads[thread].run
        effects.finish(run, tenant: threads[thread].tenant, step: threads[thread].stepsDone)
        if run.succeeds { return begin(.advanceRecord, thread: thread, in: simulation) }
        if let limit = configuration.queue.maxReceiveCount, threads[thread].receiveCount >= limit {
            return begin(.failRecord, thread: thread, in: simulation)
        }
        abandon(thread: thread, in: simulation)
    }

    /// Leaves the message undeleted: it comes back when its visibility timeout ends.
    func abandon(thread: Int, in simulation: Simulation) {
        statistics.abandoned.increment()
        finishMessage(thread: thread, failed: true, in: simulation)
    }

    func finishMessage(thread: Int, failed: Bool = false, in simulation: Simulation) {
        processes[process(of: thread)].finished(failed: failed)
        threads[thread].next += 1
        startMessage(thread: thread, in: simulation)
    }
}
