import AWSModels
import SimKernel
import Testing

@Suite struct SQSPollingTests {
    /// A long poll on an empty queue returns the moment a message arrives; one with nothing
    /// to receive returns empty when its 20 s end.
    @Test func longPollingReturnsOnArrivalOrAfterTheWait() {
        let h = SQSHarness(exactConfiguration())
        h.receive(max: 10, wait: .seconds(20))
        h.at(.milliseconds(3_250))
        h.send(9)
        h.at(.seconds(10))
        h.receive(max: 10, wait: .seconds(20), slot: 1)
        h.at(.seconds(40))
        let receives = h.client.receives
        #expect(receives.map(\.time) == [.milliseconds(3_250), .seconds(30)])
        #expect(receives.map(\.reply.count) == [1, 0])
        #expect(receives.map(\.reply.status) == [.ok, .ok])
        #expect(h.queue.statistics.emptyReceives.total == 1)
        #expect(h.queue.waitingReceives == 0)
    }

    /// The queue's `ReceiveMessageWaitTimeSeconds` applies when a receive gives no wait.
    @Test func theQueueWaitTimeMakesReceivesLongPolls() {
        var configuration = exactConfiguration()
        configuration.receiveWaitTime = .seconds(5)
        let h = SQSHarness(configuration)
        h.receive()
        h.at(.seconds(10))
        #expect(h.client.receives.map(\.time) == [.seconds(5)])
    }

    /// The answer travels back for the API latency.
    @Test func answersArriveAfterTheLatency() {
        var configuration = exactConfiguration()
        configuration.latency = SQSAPILatency(all: .constant(0.010))
        let h = SQSHarness(configuration)
        h.receive(wait: .seconds(20))
        h.at(.seconds(2))
        h.send(1)
        h.at(.seconds(3))
        #expect(h.client.receives.map(\.time) == [.milliseconds(2_010)])
        let send = h.client.records.first { $0.reply.action == .sendMessage }!
        #expect(send.time == .milliseconds(2_010))
    }

    /// Waiting long polls are served in the order they arrived.
    @Test func waitingPollsAreServedFirstComeFirstServed() {
        let h = SQSHarness(exactConfiguration())
        h.receive(wait: .seconds(20), slot: 0)
        h.at(.seconds(1))
        h.receive(wait: .seconds(20), slot: 1)
        h.at(.seconds(2))
        h.send(1)
        h.at(.seconds(3))
        #expect(h.client.receives.map(\.reply.slot) == [0])
        h.send(2)
        h.at(.seconds(4))
        #expect(h.client.receives.map(\.reply.slot) == [0, 1])
        #expect(h.client.receives.map(\.time) == [.seconds(2), .seconds(3)])
    }

    /// One message on 16 storage hosts, short polls sampling 4: a poll finds it with
    /// probability 4/16, so three polls in four come back falsely empty.
    @Test func shortPollingOnATinyQueueGivesFalseEmpties() {
        let h = SQSHarness(SQSQueueConfiguration(name: "tiny", duplicateProbability: 0, latency: .zero), seed: 7)
        h.send(1)
        let polls = 4_000
        for i in 0..<polls {
            h.at(.milliseconds(Int64(i + 1)))
            h.receive(visibility: .zero)
        }
        h.at(.seconds(10))
        let empties = h.client.receives.filter { $0.reply.count == 0 }.count
        #expect(h.client.receives.count == polls)
        // Binomial(4000, 0.75): mean 3000, sd 27.4; five sd either side.
        #expect(abs(empties - 3_000) < 137)
        #expect(h.queue.statistics.emptyReceives.total == UInt64(empties))
    }

    /// Long polls look at every host: never a false empty.
    @Test func longPollingHasNoFalseEmpties() {
        let h = SQSHarness(SQSQueueConfiguration(name: "tiny", duplicateProbability: 0, latency: .zero), seed: 7)
        h.send(1)
        for i in 0..<500 {
            h.at(.milliseconds(Int64(i + 1)))
            h.receive(visibility: .zero, wait: .seconds(1))
        }
        h.at(.seconds(10))
        #expect(h.client.receives.count == 500)
        #expect(h.client.receives.allSatisfy { $0.reply.count == 1 })
    }

    /// A large queue fills short polls: every host sampled holds plenty.
    @Test func shortPollingOnALargeQueueFillsTheBatch() {
        let h = SQSHarness(SQSQueueConfiguration(name: "large", duplicateProbability: 0, latency: .zero), seed: 3)
        for body in 0..<2_000 { h.send(UInt64(body)) }
        for i in 0..<100 {
            h.at(.milliseconds(Int64(i + 1)))
            h.receive(max: 10, visibility: .zero)
        }
        h.at(.seconds(1))
        #expect(h.client.receives.allSatisfy { $0.reply.count == 10 })
    }

    /// Short polls on a small queue often return fewer messages than they could.
    @Test func shortPollsOnASmallQueueReturnPartialBatches() {
        let h = SQSHarness(SQSQueueConfiguration(name: "small", duplicateProbability: 0, latency: .zero), seed: 5)
        for body in 0..<16 { h.send(UInt64(body)) }
        for i in 0..<200 {
            h.at(.milliseconds(Int64(i + 1)))
            h.receive(max: 10, visibility: .zero)
        }
        h.at(.seconds(1))
        let counts = h.client.receives.map(\.reply.count)
        let mean = Double(counts.reduce(0, +)) / Double(counts.count)
        // 16 messages over 16 hosts, 4 sampled: a quarter of them, 4 on average.
        #expect(mean > 3 && mean < 5)
        #expect(counts.allSatisfy { $0 < 10 })
    }
}
