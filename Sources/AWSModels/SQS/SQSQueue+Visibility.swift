import SimKernel

/// ChangeMessageVisibility and ChangeMessageVisibilityBatch.
extension SQSQueue {
    /// ChangeMessageVisibility: the message stays hidden for `timeout` (0 to 12 h) from now,
    /// not from the receive. The total since the receive may not pass 12 h
    /// (`invalidParameterValue`); a message not in flight under this receipt answers
    /// `messageNotInflight`. The next receive uses the queue's timeout again.
    public func changeMessageVisibility(
        _ receipt: SQSReceipt, timeout: SimTime, caller: ComponentID, slot: UInt32, tag: UInt32 = 0, in simulation: Simulation
    ) {
        guard admit(.changeMessageVisibility, at: simulation.now) else {
            return answer(.changeMessageVisibility, status: .throttled, count: 0, caller: caller, slot: slot, tag: tag, in: simulation)
        }
        let buffers = replies.buffers(for: caller, slot: slot)
        let status = change(receipt, timeout: timeout, in: simulation)
        buffers.entries[Int(slot) * SQSCallerReplies.width] = SQSBatchEntryResult(status: status)
        answer(.changeMessageVisibility, status: status, count: 1, caller: caller, slot: slot, tag: tag, in: simulation)
    }

    /// ChangeMessageVisibilityBatch with 1 to 10 entries; each entry has its own status.
    public func changeMessageVisibilityBatch(
        _ changes: [SQSVisibilityChange], caller: ComponentID, slot: UInt32, tag: UInt32 = 0, in simulation: Simulation
    ) {
        precondition(SQSLimits.entriesPerBatch.contains(changes.count), "a batch holds 1 to 10 entries")
        guard admit(.changeMessageVisibilityBatch, at: simulation.now) else {
            return answer(.changeMessageVisibilityBatch, status: .throttled, count: 0, caller: caller, slot: slot, tag: tag, in: simulation)
        }
        let buffers = replies.buffers(for: caller, slot: slot)
        let base = Int(slot) * SQSCallerReplies.width
        for (offset, change) in changes.enumerated() {
            buffers.entries[base + offset] = SQSBatchEntryResult(status: self.change(change.receipt, timeout: change.timeout, in: simulation))
        }
        answer(.changeMessageVisibilityBatch, status: .ok, count: changes.count, caller: caller, slot: slot, tag: tag, in: simulation)
    }

    private func change(_ receipt: SQSReceipt, timeout: SimTime, in simulation: Simulation) -> SQSStatus {
        precondition(timeout >= .zero && timeout <= SQSLimits.maximumVisibilityTimeout, "a visibility timeout must be between 0 and 12h")
        guard let slot = currentSlot(of: receipt), messages[Int(slot)].state == .inFlight else { return .messageNotInflight }
        let now = simulation.now
        let i = Int(slot)
        guard now + timeout - messages[i].receivedAt <= SQSLimits.maximumVisibilityTimeout else { return .invalidParameterValue }
        stateTimers.set(slot, time: now + timeout, tie: messages[i].sequence)
        stateTimer.arm(at: now + timeout, target: id, in: simulation)
        return .ok
    }
}
