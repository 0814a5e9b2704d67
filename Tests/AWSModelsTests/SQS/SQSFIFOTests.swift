import AWSModels
import SimKernel
import Testing

@Suite struct SQSFIFOTests {
    static func fifo(_ name: String = "q.fifo", visibility: SimTime = .seconds(30)) -> SQSQueueConfiguration {
        var configuration = exactConfiguration(name, type: .fifo, visibility: visibility)
        configuration.contentBasedDeduplication = true
        return configuration
    }

    /// Groups A (1, 2, 3) and B (10, 20). One message at a time: A's first, then B's first,
    /// then nothing while both are in flight; deleting A's first releases A's second.
    @Test func groupsDeliverInOrderOneInFlightAtATime() {
        let h = SQSHarness(Self.fifo())
        for body: UInt64 in [1, 2] { h.send(body, group: 0xA) }
        for body: UInt64 in [10, 20] { h.send(body, group: 0xB) }
        h.send(3, group: 0xA)
        h.receive(slot: 0)
        h.receive(slot: 1)
        h.receive(slot: 2)
        h.at(.seconds(1))
        #expect(h.client.receives.map(\.reply.count) == [1, 1, 0])
        #expect(h.client.receives[0].messages[0].body == 1)
        #expect(h.client.receives[1].messages[0].body == 10)
        h.delete(h.client.receives[0].messages[0].receipt)
        h.receive(slot: 3)
        h.receive(slot: 4)
        h.at(.seconds(2))
        #expect(h.client.receives[3].messages.map(\.body) == [2])
        #expect(h.client.receives[4].reply.count == 0)
    }

    /// A batch receive takes as many messages of one group as it can, in order, then moves
    /// on to the next group; afterwards both groups are locked.
    @Test func aBatchReceiveTakesOneGroupInOrderThenTheNext() {
        let h = SQSHarness(Self.fifo())
        h.send(1, group: 0xA)
        h.send(10, group: 0xB)
        h.send(2, group: 0xA)
        h.send(20, group: 0xB)
        h.send(3, group: 0xA)
        h.receive(max: 4)
        h.receive(max: 10, slot: 1)
        h.at(.seconds(1))
        #expect(h.client.receives[0].messages.map(\.body) == [1, 2, 3, 10])
        // Group B has a message in flight, so its second message waits.
        #expect(h.client.receives[1].reply.count == 0)
    }

    /// A message whose visibility timeout ends comes back before the rest of its group.
    @Test func aReturningMessageKeepsItsPlaceInTheGroup() {
        let h = SQSHarness(Self.fifo(visibility: .seconds(5)))
        for body: UInt64 in [1, 2, 3] { h.send(body, group: 7) }
        h.receive()
        h.at(.seconds(5))
        h.receive(max: 10, slot: 1)
        h.at(.seconds(6))
        #expect(h.client.receives[1].messages.map(\.body) == [1, 2, 3])
        #expect(h.client.receives[1].messages.map(\.receiveCount) == [2, 1, 1])
    }

    /// A second send with the same deduplication id within 5 minutes is accepted (same
    /// message id) but not delivered, even after the first was deleted; after 5 minutes it
    /// is a new message.
    @Test func deduplicationWithinFiveMinutesDropsTheSecondSend() {
        var configuration = Self.fifo()
        configuration.contentBasedDeduplication = false
        let h = SQSHarness(configuration)
        h.send(1, group: 1, dedup: 99, slot: 0)
        h.at(.seconds(1))
        h.receive(slot: 10)
        h.at(.seconds(2))
        h.delete(h.client.receives[0].messages[0].receipt)
        h.at(.seconds(299))
        h.send(1, group: 1, dedup: 99, slot: 1)
        h.at(.seconds(300))
        #expect(h.queue.storedMessages == 0)
        h.send(1, group: 1, dedup: 99, slot: 2)
        h.at(.seconds(301))
        #expect(h.queue.storedMessages == 1)
        let sends = h.client.records.filter { $0.reply.action == .sendMessage }
        #expect(sends.allSatisfy { $0.reply.status == .ok })
        #expect(sends[0].entries[0].messageID == sends[1].entries[0].messageID)
        #expect(sends[2].entries[0].messageID != sends[0].entries[0].messageID)
        #expect(h.queue.statistics.deduplicated.total == 1)
        #expect(h.queue.statistics.sent.total == 2)
    }

    /// Content-based deduplication: the body is the id. With message-group scope, equal ids
    /// in different groups are different messages.
    @Test func deduplicationScopes() {
        let h = SQSHarness(Self.fifo())
        h.queue.sendMessageBatch(
            [SQSSendEntry(body: 5, groupID: 1), SQSSendEntry(body: 5, groupID: 2), SQSSendEntry(body: 6, groupID: 1)],
            caller: h.client.id, slot: 0, in: h.simulation)
        #expect(h.queue.storedMessages == 2)
        var scoped = Self.fifo("scoped.fifo")
        scoped.deduplicationScope = .messageGroup
        let g = SQSHarness(scoped)
        g.queue.sendMessageBatch(
            [SQSSendEntry(body: 5, groupID: 1), SQSSendEntry(body: 5, groupID: 2), SQSSendEntry(body: 5, groupID: 1)],
            caller: g.client.id, slot: 0, in: g.simulation)
        #expect(g.queue.storedMessages == 2)
    }

    /// FIFO looks only at the oldest messages (here 3): a backlog in one group hides a later
    /// group until the backlog shrinks.
    @Test func aBacklogInOneGroupBlocksLaterGroups() {
        var configuration = Self.fifo()
        configuration.fifoGroupLookahead = 3
        let h = SQSHarness(configuration)
        for body: UInt64 in 1...4 { h.send(body, group: 0xA) }
        h.send(100, group: 0xB)
        h.receive(slot: 0)
        h.receive(slot: 1)
        h.at(.seconds(1))
        #expect(h.client.receives.map(\.reply.count) == [1, 0])
        // Deleting A's first moves the window by one: A's fourth, not B's, enters it.
        h.delete(h.client.receives[0].messages[0].receipt)
        h.receive(slot: 2)
        h.receive(slot: 3)
        h.at(.seconds(2))
        #expect(h.client.receives[2].messages.map(\.body) == [2])
        #expect(h.client.receives[3].reply.count == 0)
        h.delete(h.client.receives[2].messages[0].receipt)
        h.receive(max: 10, slot: 4)
        h.at(.seconds(3))
        #expect(h.client.receives[4].messages.map(\.body) == [3, 4, 100])
    }

    /// 300 calls per second per action: the 301st send in the same instant is throttled; a
    /// second later the bucket is full again. Receives count against their own limit.
    @Test func throughputLimitThrottlesCalls() {
        var configuration = Self.fifo()
        configuration.throughputLimit = 300
        let h = SQSHarness(configuration)
        for i in 0..<400 { h.send(UInt64(i), group: UInt64(i), slot: UInt32(i)) }
        h.receive(slot: 1_000)
        h.at(.seconds(1))
        for i in 0..<300 { h.send(UInt64(1_000 + i), group: UInt64(i), slot: UInt32(i)) }
        h.at(.seconds(2))
        let sends = h.client.records.filter { $0.reply.action == .sendMessage }
        #expect(sends.filter { $0.reply.status == .throttled }.count == 100)
        #expect(sends.filter { $0.reply.status == .ok }.count == 600)
        #expect(h.client.receives[0].reply.status == .ok)
        #expect(h.queue.statistics.throttledCalls.total == 100)
        #expect(h.queue.statistics.sent.total == 600)
    }

    @Test func theDefaultFIFOLimitIs300AndStandardHasNone() {
        #expect(SQSQueueConfiguration(name: "a", type: .fifo).throughputLimit == 300)
        #expect(SQSQueueConfiguration(name: "b").throughputLimit == nil)
    }

    /// FIFO queues never duplicate, whatever the duplicate probability.
    @Test func fifoQueuesDeliverExactlyOnce() {
        var configuration = Self.fifo()
        configuration.duplicateProbability = 1
        let h = SQSHarness(configuration)
        h.send(1, group: 1)
        h.receive()
        h.at(.zero)
        h.delete(h.client.receives[0].messages[0].receipt)
        h.at(.seconds(100))
        #expect(h.queue.storedMessages == 0)
        #expect(h.queue.statistics.survivedDeletes.total == 0)
    }
}
