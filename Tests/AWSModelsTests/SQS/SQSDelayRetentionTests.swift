import AWSModels
import SimKernel
import Testing

@Suite struct SQSDelayRetentionTests {
    /// Queue delay 10 s: hidden (and counted as delayed) until 10 s after the send.
    @Test func aQueueDelayHidesNewMessages() {
        var configuration = exactConfiguration()
        configuration.delay = .seconds(10)
        let h = SQSHarness(configuration)
        h.at(.seconds(1))
        h.send(1)
        h.at(.seconds(5))
        #expect(h.queue.delayedMessages == 1 && h.queue.visibleMessages == 0)
        h.receive(wait: .seconds(20))
        h.at(.seconds(20))
        #expect(h.client.receives.map(\.time) == [.seconds(11)])
        #expect(h.queue.delayedMessages == 0)
    }

    /// A per-message timer overrides the queue's delay (standard queues).
    @Test func aMessageTimerOverridesTheQueueDelay() {
        var configuration = exactConfiguration()
        configuration.delay = .seconds(10)
        let h = SQSHarness(configuration)
        h.send(1, delay: .seconds(3))
        h.send(2, delay: .zero)
        h.receive(max: 10, wait: .seconds(20))
        h.receive(max: 10, wait: .seconds(20), slot: 1)
        h.at(.seconds(20))
        #expect(h.client.receives.map(\.time) == [.zero, .seconds(3)])
        #expect(h.client.receives.map { $0.messages.map(\.body) } == [[2], [1]])
    }

    /// Retention 60 s: a message never received is gone at 60 s; one in flight too, and its
    /// receipt no longer deletes anything.
    @Test func retentionDeletesOldMessages() {
        var configuration = exactConfiguration(visibility: .seconds(120))
        configuration.retention = .seconds(60)
        let h = SQSHarness(configuration)
        h.send(1)
        h.at(.seconds(10))
        h.send(2)
        h.receive()
        h.at(.seconds(60) - .nanoseconds(1))
        #expect(h.queue.storedMessages == 2)
        h.at(.seconds(60))
        #expect(h.queue.storedMessages == 1)
        h.at(.seconds(70))
        #expect(h.queue.storedMessages == 0)
        #expect(h.queue.statistics.expired.total == 2)
        h.delete(h.client.receives[0].messages[0].receipt)
        h.at(.seconds(71))
        #expect(h.queue.statistics.staleDeletes.total == 1)
    }

    /// The age of the oldest message counts from its arrival and includes messages in flight.
    @Test func ageOfTheOldestMessage() {
        let h = SQSHarness(exactConfiguration())
        #expect(h.queue.ageOfOldestMessage(at: .zero) == .zero)
        h.send(1)
        h.at(.seconds(4))
        h.send(2)
        h.receive()
        h.at(.seconds(10))
        #expect(h.queue.ageOfOldestMessage(at: h.simulation.now) == .seconds(10))
        h.delete(h.client.receives[0].messages[0].receipt)
        #expect(h.queue.ageOfOldestMessage(at: h.simulation.now) == .seconds(6))
        var table = MetricTable()
        h.queue.report(at: h.simulation.now, into: &table)
        #expect(table.value("sqs.q", "age_of_oldest_message_max", "s") == 10)
        #expect(table.value("sqs.q", "age_of_oldest_message_end", "s") == 6)
    }
}
