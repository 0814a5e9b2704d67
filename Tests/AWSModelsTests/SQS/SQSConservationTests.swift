import AWSModels
import SimKernel
import Testing

@Suite struct SQSConservationTests {
    /// A busy standard queue with everything on: delays, duplicates, lost receives, a
    /// consumer that fails a fifth of its messages, redrive and retention. Every message
    /// sent is deleted, dead-lettered, expired or still stored; the same holds for the
    /// dead-letter queue with the messages moved in.
    @Test(arguments: [SQSQueueType.standard, .fifo])
    func messagesAreConserved(type: SQSQueueType) {
        let simulation = Simulation(seed: 2026)
        var dead = SQSQueueConfiguration(name: "dlq-\(type)", type: type)
        dead.retention = .seconds(90)
        dead.contentBasedDeduplication = true
        let deadLetterQueue = SQSQueue(configuration: dead, streams: simulation.streams)
        simulation.register(deadLetterQueue)
        var configuration = SQSQueueConfiguration(
            name: "work-\(type)", type: type, visibilityTimeout: .seconds(2), retention: .seconds(120), maxReceiveCount: 3,
            duplicateProbability: 0.05, lostReceiveProbability: 0.05)
        configuration.contentBasedDeduplication = true
        configuration.throughputLimit = nil
        let queue = SQSQueue(configuration: configuration, deadLetterQueue: deadLetterQueue, streams: simulation.streams)
        simulation.register(queue)
        let producer = SQSTestClient()
        producer.queues = [queue]
        simulation.register(producer)
        let streams = RandomStreams(seed: 99)
        let failures = streams.stream("test/failures")
        let delays = streams.stream("test/delays")
        var workers: [SQSTestWorker] = []
        for _ in 0..<3 {
            let worker = SQSTestWorker(queue: queue, wait: .seconds(5), maxMessages: 4)
            worker.shouldDelete = { _ in !failures.bernoulli(0.2) }
            simulation.register(worker)
            workers.append(worker)
        }
        let dlqWorker = SQSTestWorker(queue: deadLetterQueue, wait: .seconds(5), maxMessages: 10)
        dlqWorker.shouldDelete = { _ in !failures.bernoulli(0.5) }
        simulation.register(dlqWorker)
        simulation.observe(warmupEnd: .seconds(30), sampleInterval: .seconds(10))
        for worker in workers { worker.start(in: simulation) }
        dlqWorker.start(in: simulation)
        var sent = 0
        for i in 0..<3_000 {
            simulation.run(until: .milliseconds(Int64(i) * 50))
            if type == .fifo {
                queue.sendMessage(body: UInt64(i % 2_900), groupID: UInt64(i % 37), caller: producer.id, slot: UInt32(i % 64), in: simulation)
            } else if i % 3 == 0 {
                queue.sendMessage(body: UInt64(i), delay: SimTime(seconds: delays.uniform() * 5), caller: producer.id, slot: UInt32(i % 64), in: simulation)
            } else {
                queue.sendMessage(body: UInt64(i), caller: producer.id, slot: UInt32(i % 64), in: simulation)
            }
            sent += 1
        }
        simulation.run(until: .seconds(200))
        let s = queue.statistics
        #expect(s.sent.total + s.deduplicated.total == UInt64(sent))
        #expect(s.sent.total == queue.messagesRemovedByDeletes + s.deadLettered.total + s.expired.total + UInt64(queue.storedMessages))
        let d = deadLetterQueue.statistics
        #expect(d.redrivenIn.total == s.deadLettered.total)
        #expect(d.redrivenIn.total == deadLetterQueue.messagesRemovedByDeletes + d.expired.total + UInt64(deadLetterQueue.storedMessages))
        // Everything happened at least a little.
        #expect(s.deadLettered.total > 0 && s.lostReceives.total > 0 && s.expired.total + d.expired.total > 0)
        if type == .standard {
            #expect(s.survivedDeletes.total > 0 && s.duplicatesDelivered.total > 0)
        } else {
            #expect(s.deduplicated.total > 0 && s.survivedDeletes.total == 0)
        }
        // Counts never go negative and add up.
        #expect(queue.visibleMessages + queue.inFlightMessages + queue.delayedMessages == queue.storedMessages)
        let table = simulation.report()
        #expect(table.value("sqs.work-\(type)", "messages_sent", "count")! < Double(sent))
        #expect(simulation.timeSeries.keys.count == 6)
        #expect(simulation.timeSeries.sampleCount == 20)
    }
}
