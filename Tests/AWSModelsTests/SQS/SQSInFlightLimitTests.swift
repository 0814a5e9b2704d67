import AWSModels
import SimKernel
import Testing

@Suite struct SQSInFlightLimitTests {
    static func limited(_ type: SQSQueueType) -> SQSQueueConfiguration {
        var configuration = exactConfiguration(type == .fifo ? "q.fifo" : "q", type: type)
        configuration.inFlightLimit = 3
        configuration.contentBasedDeduplication = true
        return configuration
    }

    /// Standard queue at the limit: a short poll gets OverLimit; a long poll comes back empty
    /// when its wait ends, with no error.
    @Test func standardShortPollsGetOverLimitAndLongPollsStarveSilently() {
        let h = SQSHarness(Self.limited(.standard))
        for body: UInt64 in 1...5 { h.send(body) }
        h.receive(max: 10)
        h.at(.seconds(1))
        #expect(h.client.receives[0].reply.count == 3)
        h.receive(slot: 1)
        h.receive(wait: .seconds(5), slot: 2)
        h.at(.seconds(10))
        let receives = h.client.receives
        #expect(receives[1].reply.status == .overLimit && receives[1].reply.count == 0)
        #expect(receives[2].reply.status == .ok && receives[2].reply.count == 0)
        #expect(receives[2].time == .seconds(6))
        #expect(h.queue.statistics.overLimitErrors.total == 1)
        #expect(h.queue.statistics.starvedReceives.total == 1)
        #expect(h.queue.visibleMessages == 2)
    }

    /// A waiting long poll gets messages as soon as a delete brings the queue under the limit.
    @Test func aDeleteUnderTheLimitReleasesAWaitingPoll() {
        let h = SQSHarness(Self.limited(.standard))
        for body: UInt64 in 1...5 { h.send(body) }
        h.receive(max: 3)
        h.at(.seconds(1))
        h.receive(max: 10, wait: .seconds(20), slot: 1)
        h.at(.seconds(2))
        h.delete(h.client.receives[0].messages[0].receipt)
        h.at(.seconds(3))
        #expect(h.client.receives[1].time == .seconds(2))
        #expect(h.client.receives[1].reply.count == 1)
    }

    /// FIFO at the limit: no error, just nothing.
    @Test func fifoQueuesReturnNothingWithoutAnError() {
        let h = SQSHarness(Self.limited(.fifo))
        for body: UInt64 in 1...5 { h.send(body, group: body) }
        h.receive(max: 10)
        h.at(.seconds(1))
        #expect(h.client.receives[0].reply.count == 3)
        h.receive(slot: 1)
        h.at(.seconds(2))
        #expect(h.client.receives[1].reply.status == .ok && h.client.receives[1].reply.count == 0)
        #expect(h.queue.statistics.overLimitErrors.total == 0)
    }
}
