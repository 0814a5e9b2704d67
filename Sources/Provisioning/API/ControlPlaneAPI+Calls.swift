import AWSModels
import SimKernel

/// The API's calls to DynamoDB and SQS, each through the instance's SDK client: prepared
/// (the adaptive rate limiter may hold it), sent, and on a retryable error sent again after
/// the backoff the client draws.
extension ControlPlaneAPI {
    func begin(_ call: Call, thread: Int, in simulation: Simulation) {
        threads[thread].call = call
        threads[thread].sdk = SDKRequest()
        prepare(thread: thread, in: simulation)
    }

    func prepare(thread: Int, in simulation: Simulation) {
        let client = clientFor(thread: thread)
        let wait = client.prepareAttempt(&threads[thread].sdk, at: simulation.now)
        if wait > .zero {
            simulation.schedule(after: wait, target: id, kind: Kind.attempt.rawValue, subject: UInt32(thread))
        } else {
            send(thread: thread, in: simulation)
        }
    }

    private func clientFor(thread: Int) -> SDKClient {
        let instance = thread / configuration.api.threads
        return threads[thread].call == .enqueue ? sqs[instance] : dynamoDB[instance]
    }

    /// Sends the thread's current call.
    func send(thread: Int, in simulation: Simulation) {
        let tenant = requests[Int(threads[thread].request)].tenant
        let key = UInt64(tenant) + configuration.tenantKeyOffset
        let slot = UInt32(thread)
        let bytes = configuration.recordBytes
        switch threads[thread].call {
        case .createRecord:
            let status = TenantRecordStatus.pending
            table.putItem(
                key: key, itemBytes: bytes, status: status, condition: .attributeNotExists, indexKey: indexKey(status),
                caller: id, slot: slot, in: simulation)
        case .enqueue:
            if queue.isFIFO {
                queue.sendMessage(body: key, groupID: key, deduplicationID: key, caller: id, slot: slot, in: simulation)
            } else {
                queue.sendMessage(body: key, caller: id, slot: slot, in: simulation)
            }
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
        }
    }

    /// The status index is keyed by the status itself (and so has one hot key per status).
    func indexKey(_ status: UInt8) -> UInt64? {
        indexesStatus ? UInt64(status) : nil
    }

    /// The answer to the thread's current attempt arrived.
    func completed(thread: Int, outcome: SDKAttemptOutcome, item: DynamoDBItemState, in simulation: Simulation) {
        switch clientFor(thread: thread).complete(&threads[thread].sdk, outcome: outcome, at: simulation.now) {
        case .retry(let backoff):
            simulation.schedule(after: backoff, target: id, kind: Kind.backoff.rawValue, subject: UInt32(thread))
        case .succeeded:
            succeeded(thread: thread, item: item, in: simulation)
        case .failed:
            failed(thread: thread, conditionFailed: outcome == .nonRetryableError, in: simulation)
        }
    }

    private func succeeded(thread: Int, item: DynamoDBItemState, in simulation: Simulation) {
        let tenant = requests[Int(threads[thread].request)].tenant
        switch threads[thread].call {
        case .createRecord:
            threads[thread].version = item.version
            threads[thread].stepsDone = 0
            switch configuration.mode {
            case .async: begin(.enqueue, thread: thread, in: simulation)
            case .synchronous: runStep(thread: thread, in: simulation)
            }
        case .enqueue:
            answer(thread: thread, status: 202, in: simulation)
        case .advanceRecord:
            threads[thread].version = item.version
            threads[thread].stepsDone += 1
            if threads[thread].stepsDone == effects.steps.count {
                ledger.settle(tenant, .ready, at: simulation.now)
                answer(thread: thread, status: 201, in: simulation)
            } else {
                runStep(thread: thread, in: simulation)
            }
        case .failRecord:
            ledger.settle(tenant, .failed, at: simulation.now)
            answer(thread: thread, status: 500, in: simulation)
        }
    }

    /// The SDK gave up on the call (or its condition failed).
    private func failed(thread: Int, conditionFailed: Bool, in simulation: Simulation) {
        let tenant = requests[Int(threads[thread].request)].tenant
        let now = simulation.now
        switch threads[thread].call {
        case .createRecord:
            // The tenant already exists (409), or DynamoDB refused the write (503).
            ledger.settle(tenant, .rejected, at: now)
            answer(thread: thread, status: conditionFailed ? 409 : 503, in: simulation)
        case .enqueue, .advanceRecord, .failRecord:
            // The record exists but nothing will move it on.
            ledger.settle(tenant, .orphaned, at: now)
            answer(thread: thread, status: 500, in: simulation)
        }
    }

    // MARK: Synchronous steps

    /// Runs the next step inside the request.
    private func runStep(thread: Int, in simulation: Simulation) {
        let tenant = requests[Int(threads[thread].request)].tenant
        let run = effects.begin(tenant: tenant, step: threads[thread].stepsDone, at: simulation.now)
        threads[thread].run = run
        simulation.schedule(at: run.end, target: id, kind: Kind.stepDone.rawValue, subject: UInt32(thread))
    }

    func stepEnded(thread: Int, in simulation: Simulation) {
        let tenant = requests[Int(threads[thread].request)].tenant
        let run = threads[thread].run
        effects.finish(run, tenant: tenant, step: threads[thread].stepsDone)
        begin(run.succeeds ? .advanceRecord : .failRecord, thread: thread, in: simulation)
    }
}
