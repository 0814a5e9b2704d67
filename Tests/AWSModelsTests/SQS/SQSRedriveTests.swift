import AWSModels
import SimKernel
import Testing

@Suite struct SQSRedriveTests {
    /// maxReceiveCount 3: the message is delivered three times; the fourth receive moves it
    /// to the dead-letter queue, with its id and body, instead of delivering it.
    @Test func maxReceiveCountMovesTheMessageToTheDeadLetterQueue() {
        var source = exactConfiguration("source", visibility: .seconds(1))
        source.maxReceiveCount = 3
        let h = SQSHarness(source, deadLetter: exactConfiguration("dlq"))
        let dlq = h.deadLetterQueue!
        h.send(42)
        for second in 0..<4 {
            h.at(.seconds(Int64(second) * 2))
            h.receive(slot: UInt32(second))
        }
        h.at(.seconds(10))
        let counts = h.client.receives.map(\.reply.count)
        #expect(counts == [1, 1, 1, 0])
        #expect(h.client.receives.prefix(3).map { $0.messages[0].receiveCount } == [1, 2, 3])
        #expect(h.queue.storedMessages == 0)
        #expect(h.queue.statistics.deadLettered.total == 1)
        #expect(dlq.storedMessages == 1 && dlq.visibleMessages == 1)
        #expect(dlq.statistics.redrivenIn.total == 1)
        // A move is not a send (CloudWatch counts only sends in NumberOfMessagesSent).
        #expect(dlq.statistics.sent.total == 0)
        h.receive(slot: 9, on: dlq)
        h.at(.seconds(11))
        let moved = h.client.receives.last!
        #expect(moved.reply.queue == dlq.id && moved.reply.count == 1)
        #expect(moved.messages[0].body == 42)
        #expect(moved.messages[0].messageID == h.client.receives[0].messages[0].messageID)
        #expect(moved.messages[0].sentAt == .zero)
    }

    /// The redriven message was not delivered, so the receive goes on to the next message.
    @Test func aRedrivenMessageMakesRoomForTheNext() {
        var source = exactConfiguration("source", visibility: .seconds(1))
        source.maxReceiveCount = 1
        let h = SQSHarness(source, deadLetter: exactConfiguration("dlq"))
        h.send(1)
        h.receive()
        h.at(.seconds(1))
        h.send(2)
        h.receive(max: 10, slot: 1)
        h.at(.seconds(2))
        #expect(h.client.receives[1].messages.map(\.body) == [2])
        #expect(h.deadLetterQueue!.storedMessages == 1)
    }

    /// A long poll waiting on the dead-letter queue is answered by the move.
    @Test func aLongPollOnTheDeadLetterQueueSeesTheMove() {
        var source = exactConfiguration("source", visibility: .seconds(1))
        source.maxReceiveCount = 1
        let h = SQSHarness(source, deadLetter: exactConfiguration("dlq"))
        h.send(5)
        h.receive()
        h.receive(wait: .seconds(20), slot: 1, on: h.deadLetterQueue!)
        h.at(.seconds(3))
        h.receive(slot: 2)
        h.at(.seconds(4))
        let fromDLQ = h.client.receives.first { $0.reply.queue == h.deadLetterQueue!.id }!
        #expect(fromDLQ.time == .seconds(3) && fromDLQ.messages.map(\.body) == [5])
    }

    /// Standard dead-letter queues keep the original enqueue time, so retention counts from
    /// the original send.
    @Test func aStandardDeadLetterQueueKeepsTheOriginalTimestamp() {
        var source = exactConfiguration("source", visibility: .seconds(50))
        source.maxReceiveCount = 1
        var dead = exactConfiguration("dlq")
        dead.retention = .seconds(60)
        let h = SQSHarness(source, deadLetter: dead)
        h.send(5)
        h.receive()
        h.at(.seconds(50))
        h.receive(slot: 1)
        #expect(h.deadLetterQueue!.storedMessages == 1)
        h.at(.seconds(60))
        #expect(h.deadLetterQueue!.storedMessages == 0)
        #expect(h.deadLetterQueue!.statistics.expired.total == 1)
    }
}
