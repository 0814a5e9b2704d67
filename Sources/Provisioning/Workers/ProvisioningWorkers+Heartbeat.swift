import AWSModels
import SimKernel

/// Visibility heartbeats: while a thread holds messages, every interval it sets each one it
/// has not finished to stay hidden for the heartbeat's timeout from now.
extension ProvisioningWorkers {
    func heartbeatDue(thread: Int, generation: UInt32, in simulation: Simulation) {
        guard let heartbeat = configuration.workers.heartbeat, threads[thread].generation == generation, threads[thread].held > 0 else { return }
        if !threads[thread].heartbeatInFlight {
            threads[thread].heartbeatInFlight = true
            threads[thread].heartbeatSDK = SDKRequest()
            prepareHeartbeat(thread: thread, in: simulation)
        }
        simulation.schedule(
            after: heartbeat.interval, target: id, kind: Kind.heartbeat.rawValue, subject: UInt32(thread), argument: UInt64(generation))
    }

    func prepareHeartbeat(thread: Int, in simulation: Simulation) {
        let wait = sqs[process(of: thread)].prepareAttempt(&threads[thread].heartbeatSDK, at: simulation.now)
        if wait > .zero {
            simulation.schedule(after: wait, target: id, kind: Kind.attempt.rawValue, subject: UInt32(2 * thread + 1))
        } else {
            sendHeartbeat(thread: thread, in: simulation)
        }
    }

    /// Extends the messages the thread still holds (a retry extends those it holds then).
    func sendHeartbeat(thread: Int, in simulation: Simulation) {
        guard let heartbeat = configuration.workers.heartbeat else { return }
        let slot = UInt32(2 * thread + 1)
        let base = thread * configuration.workers.receiveBatch
        let first = threads[thread].next
        let last = threads[thread].held
        guard first < last else {
            threads[thread].heartbeatInFlight = false
            return
        }
        if last - first == 1 {
            queue.changeMessageVisibility(held[base + first]!.receipt, timeout: heartbeat.timeout, caller: id, slot: slot, in: simulation)
            return
        }
        changes.removeAll(keepingCapacity: true)
        for index in first..<last {
            changes.append(SQSVisibilityChange(receipt: held[base + index]!.receipt, timeout: heartbeat.timeout))
        }
        queue.changeMessageVisibilityBatch(changes, caller: id, slot: slot, in: simulation)
    }

    func heartbeatAnswered(thread: Int, reply: SQSReply, in simulation: Simulation) {
        for index in 0..<reply.count {
            if queue.entryResult(index, of: reply).status == .ok {
                statistics.extensions.increment()
            } else {
                statistics.lateExtensions.increment()
            }
        }
        switch sqs[process(of: thread)].complete(&threads[thread].heartbeatSDK, outcome: SDKAttemptOutcome(reply.status), at: simulation.now) {
        case .retry(let backoff):
            simulation.schedule(after: backoff, target: id, kind: Kind.backoff.rawValue, subject: UInt32(2 * thread + 1))
        case .succeeded, .failed:
            threads[thread].heartbeatInFlight = false
        }
    }
}
