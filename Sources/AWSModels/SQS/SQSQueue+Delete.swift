import SimKernel

/// DeleteMessage and DeleteMessageBatch.
extension SQSQueue {
    /// DeleteMessage. Succeeds for any receipt this queue issued, as SQS does; only the
    /// message's most recent receipt deletes it, and on a standard queue a copy survives with
    /// `duplicateProbability`, to be delivered again when the receipt's visibility timeout ends.
    public func deleteMessage(_ receipt: SQSReceipt, caller: ComponentID, slot: UInt32, tag: UInt32 = 0, in simulation: Simulation) {
        guard admit(.deleteMessage, at: simulation.now) else {
            return answer(.deleteMessage, status: .throttled, count: 0, caller: caller, slot: slot, tag: tag, in: simulation)
        }
        let buffers = replies.buffers(for: caller, slot: slot)
        delete(receipt, at: simulation.now)
        buffers.entries[Int(slot) * SQSCallerReplies.width] = SQSBatchEntryResult(status: .ok)
        answer(.deleteMessage, status: .ok, count: 1, caller: caller, slot: slot, tag: tag, in: simulation)
        serveWaitingPolls(in: simulation)
        recordCounts(at: simulation.now)
    }

    /// DeleteMessageBatch with 1 to 10 receipts; every entry succeeds.
    public func deleteMessageBatch(_ receipts: [SQSReceipt], caller: ComponentID, slot: UInt32, tag: UInt32 = 0, in simulation: Simulation) {
        precondition(SQSLimits.entriesPerBatch.contains(receipts.count), "a batch holds 1 to 10 entries")
        guard admit(.deleteMessageBatch, at: simulation.now) else {
            return answer(.deleteMessageBatch, status: .throttled, count: 0, caller: caller, slot: slot, tag: tag, in: simulation)
        }
        let buffers = replies.buffers(for: caller, slot: slot)
        let base = Int(slot) * SQSCallerReplies.width
        for (offset, receipt) in receipts.enumerated() {
            delete(receipt, at: simulation.now)
            buffers.entries[base + offset] = SQSBatchEntryResult(status: .ok)
        }
        answer(.deleteMessageBatch, status: .ok, count: receipts.count, caller: caller, slot: slot, tag: tag, in: simulation)
        serveWaitingPolls(in: simulation)
        recordCounts(at: simulation.now)
    }

    /// The slot a receipt names, if it is the message's current receipt.
    func currentSlot(of receipt: SQSReceipt) -> UInt32? {
        precondition(receipt.queue == id.index, "a receipt from another queue")
        let i = Int(receipt.slot)
        guard i < messages.count, messages[i].state != .free, messages[i].generation == receipt.generation else { return nil }
        return receipt.slot
    }

    private func delete(_ receipt: SQSReceipt, at now: SimTime) {
        statistics.deleted.increment()
        guard let slot = currentSlot(of: receipt) else {
            statistics.staleDeletes.increment()
            return
        }
        if !fifo && configuration.duplicateProbability > 0 && duplicates.bernoulli(configuration.duplicateProbability) {
            // A server holding a copy missed the delete: the copy comes back when the
            // visibility timeout ends.
            messages[Int(slot)].survivedDelete = true
            statistics.survivedDeletes.increment()
            return
        }
        remove(slot, at: now)
    }

    /// Messages the queue no longer holds because a delete removed them: deletes minus stale
    /// ones minus those that left a copy behind.
    public var messagesRemovedByDeletes: UInt64 {
        statistics.deleted.total - statistics.staleDeletes.total - statistics.survivedDeletes.total
    }
}
