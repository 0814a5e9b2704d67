import SimKernel

/// The redrive policy: messages received more than `maxReceiveCount` times move to the
/// dead-letter queue.
extension SQSQueue {
    /// Moves a visible message whose receive count passed `maxReceiveCount` to the
    /// dead-letter queue.
    func deadLetter(_ slot: UInt32, in simulation: Simulation) {
        let record = messages[Int(slot)]
        remove(slot, at: simulation.now)
        statistics.deadLettered.increment()
        deadLetterQueue!.takeDeadLetter(record, in: simulation)
    }

    /// A message moved here by a source queue's redrive policy. Standard queues keep its
    /// original `SentTimestamp` (retention counts from it); FIFO queues reset it.
    func takeDeadLetter(_ record: SQSMessageRecord, in simulation: Simulation) {
        statistics.redrivenIn.increment()
        store(body: record.body, messageID: record.messageID, groupID: record.groupID,
              sentAt: fifo ? simulation.now : record.sentAt, delay: .zero, in: simulation)
        serveWaitingPolls(in: simulation)
        recordCounts(at: simulation.now)
    }
}
