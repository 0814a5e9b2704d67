import SimKernel

/// SendMessage and SendMessageBatch.
extension SQSQueue {
    /// SendMessage. `delay` (standard queues only, 0 to 900 s) overrides the queue's delay;
    /// FIFO queues need `groupID` and, without content-based deduplication, a
    /// `deduplicationID`. The answer carries one entry with the message id.
    public func sendMessage(
        body: UInt64, delay: SimTime? = nil, groupID: UInt64 = 0, deduplicationID: UInt64? = nil,
        caller: ComponentID, slot: UInt32, tag: UInt32 = 0, in simulation: Simulation
    ) {
        let entry = SQSSendEntry(body: body, delay: delay, groupID: groupID, deduplicationID: deduplicationID)
        validate(entry)
        guard admit(.sendMessage, at: simulation.now) else {
            return answer(.sendMessage, status: .throttled, count: 0, caller: caller, slot: slot, tag: tag, in: simulation)
        }
        let buffers = replies.buffers(for: caller, slot: slot)
        buffers.entries[Int(slot) * SQSCallerReplies.width] = SQSBatchEntryResult(status: .ok, messageID: send(entry, in: simulation))
        answer(.sendMessage, status: .ok, count: 1, caller: caller, slot: slot, tag: tag, in: simulation)
        serveWaitingPolls(in: simulation)
        recordCounts(at: simulation.now)
    }

    /// SendMessageBatch with 1 to 10 entries; each entry's message id is in the answer's
    /// entries, in order. A throttled batch stores nothing.
    public func sendMessageBatch(
        _ entries: [SQSSendEntry], caller: ComponentID, slot: UInt32, tag: UInt32 = 0, in simulation: Simulation
    ) {
        precondition(SQSLimits.entriesPerBatch.contains(entries.count), "a batch holds 1 to 10 entries")
        for entry in entries { validate(entry) }
        guard admit(.sendMessageBatch, at: simulation.now) else {
            return answer(.sendMessageBatch, status: .throttled, count: 0, caller: caller, slot: slot, tag: tag, in: simulation)
        }
        let buffers = replies.buffers(for: caller, slot: slot)
        let base = Int(slot) * SQSCallerReplies.width
        for (offset, entry) in entries.enumerated() {
            buffers.entries[base + offset] = SQSBatchEntryResult(status: .ok, messageID: send(entry, in: simulation))
        }
        answer(.sendMessageBatch, status: .ok, count: entries.count, caller: caller, slot: slot, tag: tag, in: simulation)
        serveWaitingPolls(in: simulation)
        recordCounts(at: simulation.now)
    }

    private func validate(_ entry: SQSSendEntry) {
        if let delay = entry.delay {
            precondition(!fifo, "FIFO queues take no per-message delay, only the queue's")
            precondition(delay >= .zero && delay <= SQSLimits.maximumDelay, "a message delay must be between 0 and 900s")
        }
        if fifo {
            precondition(entry.deduplicationID != nil || configuration.contentBasedDeduplication,
                         "a FIFO send needs a deduplication id unless content-based deduplication is on")
        }
    }

    /// Stores one message, or finds its FIFO duplicate; returns the message id.
    private func send(_ entry: SQSSendEntry, in simulation: Simulation) -> UInt64 {
        let now = simulation.now
        if fifo {
            let key = SQSDeduplicationWindow.Key(
                scope: configuration.deduplicationScope == .messageGroup ? entry.groupID : 0,
                id: entry.deduplicationID ?? entry.body)
            if let original = deduplication.original(of: key, at: now) {
                statistics.deduplicated.increment()
                return original
            }
            let messageID = store(body: entry.body, messageID: nil, groupID: entry.groupID, sentAt: now,
                                  delay: configuration.delay, in: simulation)
            deduplication.remember(key, messageID: messageID, at: now)
            statistics.sent.increment()
            return messageID
        }
        statistics.sent.increment()
        return store(body: entry.body, messageID: nil, groupID: 0, sentAt: now, delay: entry.delay ?? configuration.delay, in: simulation)
    }
}
