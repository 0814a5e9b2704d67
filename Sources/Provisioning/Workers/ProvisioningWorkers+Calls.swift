import AWSModels
import SimKernel

/// A thread's calls on its main channel, each through its process's SDK client.
extension ProvisioningWorkers {
    func begin(_ call: Call, thread: Int, in simulation: Simulation) {
        threads[thread].call = call
        threads[thread].sdk = SDKRequest(isLongPoll: call == .receive)
        prepare(thread: thread, in: simulation)
    }

    func prepare(thread: Int, in simulation: Simulation) {
        let wait = client(for: thread).prepareAttempt(&threads[thread].sdk, at: simulation.now)
        if wait > .zero {
            simulation.schedule(after: wait, target: id, kind: Kind.attempt.rawValue, subject: UInt32(2 * thread))
        } else {
            send(thread: thread, in: simulation)
        }
    }

    private func client(for thread: Int) -> SDKClient {
        switch threads[thread].call {
        case .receive, .delete: return sqs[process(of: thread)]
        case .readRecord, .advanceRecord, .failRecord: return dynamoDB[process(of: thread)]
        }
    }

    func send(thread: Int, in simulation: Simulation) {
        let slot = UInt32(2 * thread)
        let key = UInt64(threads[thread].tenant) + configuration.tenantKeyOffset
        switch threads[thread].call {
        case .receive:
            queue.receiveMessage(
                maxMessages: configuration.workers.receiveBatch, waitTime: configuration.workers.waitTime,
                caller: id, slot: slot, in: simulation)
        case .readRecord:
            table.getItem(key: key, consistency: configuration.workers.consistentReads ? .strong : .eventual, caller: id, slot: slot, in: simulation)
        case .advanceRecord:
            let status = TenantRecordStatus.after(steps: threads[thread].stepsDone + 1, of: effects.steps.count)
            table.updateItem(
                key: key, status: status, condition: .versionEquals(threads[thread].version), indexKey: indexKey(status),
                caller: id, slot: slot, in: simulation)
        case .failRecord:
            let status = TenantRecordStatus.failed
            table.updateItem(
                key: key, status: status, condition: .versionEquals(threads[thread].version), indexKey: indexKey(status),
                caller: id, slot: slot, in: simulation)
        case .delete:
            queue.deleteMessage(currentMessage(of: thread).receipt, caller: id, slot: slot, in: simulation)
        }
    }

    private func indexKey(_ status: UInt8) -> UInt64? {
        indexesStatus ? UInt64(status) : nil
    }

    func currentMessage(of thread: Int) -> SQSReceivedMessage {
        held[thread * configuration.workers.receiveBatch + threads[thread].next]!
    }

    /// The answer to the thread's current attempt arrived; `reply` for SQS calls.
    func completed(thread: Int, outcome: SDKAttemptOutcome, reply: SQSReply?, item: DynamoDBItemState, in simulation: Simulation) {
        switch client(for: thread).complete(&threads[thread].sdk, outcome: outcome, at: simulation.now) {
        case .retry(let backoff):
            simulation.schedule(after: backoff, target: id, kind: Kind.backoff.rawValue, subject: UInt32(2 * thread))
        case .succeeded:
            succeeded(thread: thread, reply: reply, item: item, in: simulation)
        case .failed(_, let after):
            failed(thread: thread, conditionFailed: outcome == .nonRetryableError, after: after, in: simulation)
        }
    }

    private func succeeded(thread: Int, reply: SQSReply?, item: DynamoDBItemState, in simulation: Simulation) {
        switch threads[thread].call {
        case .receive:
            received(thread: thread, reply: reply!, in: simulation)
        case .readRecord:
            read(item, thread: thread, in: simulation)
        case .advanceRecord:
            threads[thread].version = item.version
            threads[thread].stepsDone += 1
            if threads[thread].stepsDone == effects.steps.count {
                ledger.settle(threads[thread].tenant, .ready, at: simulation.now)
                begin(.delete, thread: thread, in: simulation)
            } else {
                runStep(thread: thread, in: simulation)
            }
        case .failRecord:
            // Left undeleted: its next receive passes maxReceiveCount and moves it to the DLQ.
            ledger.settle(threads[thread].tenant, .failed, at: simulation.now)
            finishMessage(thread: thread, in: simulation)
        case .delete:
            statistics.deleted.increment()
            finishMessage(thread: thread, in: simulation)
        }
    }

    /// The SDK gave up on the call, or its condition failed.
    private func failed(thread: Int, conditionFailed: Bool, after: SimTime, in simulation: Simulation) {
        switch threads[thread].call {
        case .receive:
            statistics.receiveErrors.increment()
            simulation.schedule(
                after: max(after, configuration.workers.errorBackoff), target: id, kind: Kind.poll.rawValue, subject: UInt32(thread))
        case .readRecord:
            abandon(thread: thread, in: simulation)
        case .advanceRecord, .failRecord:
            guard conditionFailed else { return abandon(thread: thread, in: simulation) }
            // Another delivery of the same message moved the record on first: it owns the work.
            statistics.conflicts.increment()
            finishMessage(thread: thread, in: simulation)
        case .delete:
            statistics.deleteErrors.increment()
            finishMessage(thread: thread, in: simulation)
        }
    }
}
