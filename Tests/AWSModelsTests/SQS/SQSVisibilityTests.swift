import AWSModels
import SimKernel
import Testing

@Suite struct SQSVisibilityTests {
    /// Received at 1 s and never deleted, the message reappears at exactly 31 s: a long poll
    /// waiting since 2 s gets it then, with a new receipt and a receive count of 2.
    @Test func anUndeletedMessageReappearsExactlyWhenItsTimeoutEnds() {
        let h = SQSHarness(exactConfiguration())
        h.send(7)
        h.at(.seconds(1))
        h.receive(slot: 0)
        h.at(.seconds(2))
        h.receive(wait: .seconds(20), slot: 1)
        h.at(.seconds(21))
        // The first long poll ended empty at 22 s; a new one waits from 22 s.
        h.at(.seconds(22))
        h.receive(wait: .seconds(20), slot: 2)
        h.at(.seconds(60))
        let receives = h.client.receives
        #expect(receives.map(\.time) == [.seconds(1), .seconds(22), .seconds(31)])
        #expect(receives.map(\.reply.count) == [1, 0, 1])
        #expect(receives.map(\.reply.slot) == [0, 1, 2])
        let first = receives[0].messages[0]
        let second = receives[2].messages[0]
        #expect(first.body == 7 && second.body == 7 && first.messageID == second.messageID)
        #expect(first.receiveCount == 1 && second.receiveCount == 2)
        #expect(first.receipt != second.receipt)
        #expect(h.queue.statistics.emptyReceives.total == 1)
    }

    /// At the nanosecond before the timeout the message is still hidden; at the timeout it is back.
    @Test func theMessageIsHiddenUntilTheLastNanosecond() {
        let h = SQSHarness(exactConfiguration(visibility: .seconds(10)))
        h.send(1)
        h.receive()
        h.at(.seconds(10) - .nanoseconds(1))
        #expect(h.queue.inFlightMessages == 1 && h.queue.visibleMessages == 0)
        h.receive(slot: 1)
        h.at(.seconds(10))
        #expect(h.queue.inFlightMessages == 0 && h.queue.visibleMessages == 1)
        h.receive(slot: 2)
        h.at(.seconds(11))
        #expect(h.client.receives.map(\.reply.count) == [1, 0, 1])
    }

    /// A receive's own visibility timeout overrides the queue's for that receive only.
    @Test func aReceiveCanOverrideTheTimeout() {
        let h = SQSHarness(exactConfiguration())
        h.send(1)
        h.receive(visibility: .seconds(5))
        h.at(.seconds(5))
        #expect(h.queue.visibleMessages == 1)
        h.receive(slot: 1)
        h.at(.seconds(34))
        #expect(h.queue.inFlightMessages == 1)
        h.at(.seconds(35))
        #expect(h.queue.visibleMessages == 1)
    }

    /// Received at 0 with 30 s, changed at 10 s to 5 s: visible at 15 s, not 35 s. The next
    /// receive uses the queue's 30 s again.
    @Test func changeMessageVisibilityRestartsTheClockAtTheCall() {
        let h = SQSHarness(exactConfiguration())
        h.send(1)
        h.receive()
        h.at(.seconds(10))
        let receipt = h.client.receives[0].messages[0].receipt
        h.queue.changeMessageVisibility(receipt, timeout: .seconds(5), caller: h.client.id, slot: 5, in: h.simulation)
        h.receive(wait: .seconds(20), slot: 1)
        h.at(.seconds(100))
        let receives = h.client.receives
        #expect(receives.map(\.time) == [.zero, .seconds(15)])
        let change = h.client.records.first { $0.reply.action == .changeMessageVisibility }!
        #expect(change.reply.status == .ok && change.entries == [SQSBatchEntryResult(status: .ok)])
        // The second receive hid it for the queue's 30 s: back at 45 s.
        #expect(h.queue.visibleMessages == 1)
    }

    @Test func theQueueDefaultAppliesAgainAfterAChange() {
        let h = SQSHarness(exactConfiguration())
        h.send(1)
        h.receive()
        h.at(.zero)
        let receipt = h.client.receives[0].messages[0].receipt
        h.queue.changeMessageVisibility(receipt, timeout: .seconds(100), caller: h.client.id, slot: 5, in: h.simulation)
        h.at(.seconds(100))
        h.receive(slot: 1)
        h.at(.seconds(130) - .nanoseconds(1))
        #expect(h.queue.inFlightMessages == 1)
        h.at(.seconds(130))
        #expect(h.queue.visibleMessages == 1)
    }

    /// The total since the receive may not pass 12 h; a message no longer in flight under
    /// the receipt answers MessageNotInflight; a zero timeout shows the message at once.
    @Test func changeMessageVisibilityErrors() {
        let h = SQSHarness(exactConfiguration())
        h.send(1)
        h.receive()
        h.at(.zero)
        let receipt = h.client.receives[0].messages[0].receipt
        h.at(.seconds(20))
        let client = h.client.id
        h.queue.changeMessageVisibility(receipt, timeout: .seconds(43_200), caller: client, slot: 5, in: h.simulation)
        h.queue.changeMessageVisibility(receipt, timeout: .seconds(43_180), caller: client, slot: 6, in: h.simulation)
        h.at(.seconds(21))
        h.queue.changeMessageVisibility(receipt, timeout: .zero, caller: client, slot: 7, in: h.simulation)
        h.at(.seconds(22))
        #expect(h.queue.visibleMessages == 1)
        h.queue.changeMessageVisibility(receipt, timeout: .seconds(10), caller: client, slot: 8, in: h.simulation)
        h.at(.seconds(23))
        let statuses = h.client.records.filter { $0.reply.action == .changeMessageVisibility }.map(\.reply.status)
        #expect(statuses == [.invalidParameterValue, .ok, .ok, .messageNotInflight])
    }

    @Test func aBatchOfChangesAnswersPerEntry() {
        let h = SQSHarness(exactConfiguration())
        h.send(1)
        h.send(2)
        h.receive(max: 2)
        h.at(.zero)
        let receipts = h.client.receives[0].messages.map(\.receipt)
        #expect(receipts.count == 2)
        h.at(.seconds(1))
        h.delete(receipts[1])
        h.queue.changeMessageVisibilityBatch(
            [SQSVisibilityChange(receipt: receipts[0], timeout: .seconds(2)), SQSVisibilityChange(receipt: receipts[1], timeout: .seconds(2))],
            caller: h.client.id, slot: 9, in: h.simulation)
        h.at(.seconds(2))
        let batch = h.client.records.first { $0.reply.action == .changeMessageVisibilityBatch }!
        #expect(batch.reply.count == 2)
        #expect(batch.entries.map(\.status) == [.ok, .messageNotInflight])
        h.at(.seconds(3))
        #expect(h.queue.visibleMessages == 1)
    }
}
