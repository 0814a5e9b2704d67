import AWSModels
import SimKernel
import Testing

@Suite struct SQSDuplicateTests {
    struct Outcome {
        var deletes: UInt64
        var survived: UInt64
        var duplicates: UInt64
        var deliveries: Int
        var distinct: Int
    }

    /// 5,000 messages through a worker that deletes everything it receives.
    static func run(duplicateProbability: Double) -> Outcome {
        let simulation = Simulation(seed: 11)
        var configuration = SQSQueueConfiguration(
            name: "dups", visibilityTimeout: .seconds(5), duplicateProbability: duplicateProbability, latency: SQSAPILatency.assumed)
        configuration.receiveWaitTime = .seconds(20)
        let queue = SQSQueue(configuration: configuration, streams: simulation.streams)
        simulation.register(queue)
        let producer = SQSTestClient()
        producer.queues = [queue]
        simulation.register(producer)
        let worker = SQSTestWorker(queue: queue)
        simulation.register(worker)
        worker.start(in: simulation)
        for i in 0..<5_000 {
            simulation.run(until: .milliseconds(Int64(i) * 10))
            queue.sendMessage(body: UInt64(i), caller: producer.id, slot: UInt32(i % 50), in: simulation)
        }
        simulation.run(until: .seconds(200))
        let s = queue.statistics
        return Outcome(
            deletes: s.deleted.total, survived: s.survivedDeletes.total, duplicates: s.duplicatesDelivered.total,
            deliveries: worker.bodiesSeen.count, distinct: Set(worker.bodiesSeen).count)
    }

    /// With p = 0.1, about a tenth of deletes leave a copy, and every copy is delivered again
    /// once its visibility timeout ends.
    @Test func duplicatesAppearAtTheConfiguredProbability() {
        let outcome = Self.run(duplicateProbability: 0.1)
        let rate = Double(outcome.survived) / Double(outcome.deletes)
        // Binomial(~5,555, 0.1): sd of the rate 0.004; five sd either side.
        #expect(abs(rate - 0.1) < 0.02)
        #expect(outcome.duplicates == outcome.survived)
        #expect(outcome.distinct == 5_000)
        #expect(outcome.deliveries == 5_000 + Int(outcome.duplicates))
    }

    @Test func noDuplicatesWhenTheProbabilityIsZero() {
        let outcome = Self.run(duplicateProbability: 0)
        #expect(outcome.survived == 0 && outcome.duplicates == 0)
        #expect(outcome.deliveries == 5_000 && outcome.distinct == 5_000)
    }

    /// A lost receive counts a receive the consumer never saw: the message comes back after
    /// the visibility timeout with a higher receive count.
    @Test func aLostReceiveComesBackAfterTheTimeout() {
        var configuration = exactConfiguration(visibility: .seconds(5))
        configuration.lostReceiveProbability = 1
        let h = SQSHarness(configuration)
        h.send(1)
        h.receive()
        h.at(.seconds(1))
        #expect(h.client.receives[0].reply.count == 0)
        #expect(h.queue.inFlightMessages == 1)
        #expect(h.queue.statistics.lostReceives.total == 1)
        #expect(h.queue.statistics.emptyReceives.total == 0)
        h.at(.seconds(5))
        #expect(h.queue.visibleMessages == 1)
    }
}

@Suite struct SQSReceiptTests {
    /// After the message was received again, the old receipt deletes nothing; the new one does.
    @Test func aStaleReceiptDoesNotDelete() {
        let h = SQSHarness(exactConfiguration(visibility: .seconds(1)))
        h.send(1)
        h.receive()
        h.at(.seconds(2))
        h.receive(slot: 1)
        h.at(.seconds(2))
        let old = h.client.receives[0].messages[0].receipt
        let new = h.client.receives[1].messages[0].receipt
        h.delete(old)
        h.at(.seconds(3))
        #expect(h.queue.storedMessages == 1)
        #expect(h.client.records.last!.reply.status == .ok)
        #expect(h.queue.statistics.staleDeletes.total == 1)
        h.delete(new)
        h.at(.seconds(4))
        #expect(h.queue.storedMessages == 0)
        #expect(h.queue.statistics.deleted.total == 2)
        #expect(h.queue.messagesRemovedByDeletes == 1)
    }

    /// The latest receipt still deletes after the timeout ended, as long as nobody received
    /// the message again; a receipt of a deleted message never touches the slot's next message.
    @Test func theLatestReceiptDeletesUntilTheNextReceive() {
        let h = SQSHarness(exactConfiguration(visibility: .seconds(1)))
        h.send(1)
        h.receive()
        h.at(.seconds(5))
        h.delete(h.client.receives[0].messages[0].receipt)
        h.at(.seconds(6))
        #expect(h.queue.storedMessages == 0)
        h.send(2)
        h.delete(h.client.receives[0].messages[0].receipt)
        h.at(.seconds(7))
        #expect(h.queue.storedMessages == 1)
    }

    @Test func deleteBatchAnswersEveryEntry() {
        let h = SQSHarness(exactConfiguration())
        for body: UInt64 in 1...3 { h.send(body) }
        h.receive(max: 3)
        h.at(.zero)
        let receipts = h.client.receives[0].messages.map(\.receipt)
        h.queue.deleteMessageBatch(receipts, caller: h.client.id, slot: 3, tag: 77, in: h.simulation)
        h.at(.seconds(1))
        let batch = h.client.records.last!
        #expect(batch.reply.action == .deleteMessageBatch && batch.reply.count == 3 && batch.reply.tag == 77)
        #expect(batch.entries.allSatisfy { $0.status == .ok })
        #expect(h.queue.storedMessages == 0)
    }
}
