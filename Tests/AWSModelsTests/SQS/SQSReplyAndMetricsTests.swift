import AWSModels
import SimKernel
import Testing

@Suite struct SQSReplyAndMetricsTests {
    /// Every action has its own event kind; answers carry the caller's slot and tag.
    @Test func repliesDecode() {
        let kinds = SQSAction.allCases.map(\.eventKind)
        #expect(Set(kinds).count == kinds.count)
        #expect(kinds.allSatisfy { $0 < 1 << 31 })
        let h = SQSHarness(exactConfiguration())
        h.queue.sendMessageBatch(
            (0..<10).map { SQSSendEntry(body: UInt64($0)) }, caller: h.client.id, slot: 1_234, tag: 0xDEAD_BEEF, in: h.simulation)
        h.at(.seconds(1))
        let reply = h.client.records[0].reply
        #expect(reply.action == .sendMessageBatch && reply.status == .ok && reply.count == 10)
        #expect(reply.slot == 1_234 && reply.tag == 0xDEAD_BEEF && reply.queue == h.queue.id && reply.caller == h.client.id)
        let ids = h.client.records[0].entries.map(\.messageID)
        #expect(Set(ids).count == 10)
    }

    /// A receive fills ten messages per slot; two slots' results do not overwrite each other.
    @Test func eachSlotHasItsOwnBuffer() {
        let h = SQSHarness(exactConfiguration())
        for body in 0..<20 { h.send(UInt64(body)) }
        h.receive(max: 10, slot: 4)
        h.receive(max: 10, slot: 5)
        h.at(.seconds(1))
        let first = h.client.receives[0].messages.map(\.body)
        let second = h.client.receives[1].messages.map(\.body)
        #expect(first == Array(0..<10))
        #expect(second == Array(10..<20))
    }

    /// The same seed gives the same answers at the same times.
    @Test func runsAreDeterministic() {
        func trace(seed: UInt64) -> [String] {
            let h = SQSHarness(SQSQueueConfiguration(name: "d", visibilityTimeout: .seconds(1), duplicateProbability: 0.2), seed: seed)
            for i in 0..<200 {
                h.at(.milliseconds(Int64(i) * 20))
                h.send(UInt64(i))
                h.receive(max: 3, slot: UInt32(i))
            }
            h.at(.seconds(10))
            return h.client.records.map { "\($0.time.nanoseconds) \($0.reply.slot) \($0.messages.map(\.body))" }
        }
        #expect(trace(seed: 5) == trace(seed: 5))
        #expect(trace(seed: 5) != trace(seed: 6))
    }

    @Test func theReportNamesCloudWatchMetrics() {
        let h = SQSHarness(exactConfiguration("orders"))
        h.simulation.observe(warmupEnd: .zero, sampleInterval: .seconds(1))
        h.at(.zero)
        h.send(1)
        h.send(2)
        h.receive()
        h.receive(slot: 1)
        h.at(.seconds(1))
        h.receive(slot: 2)
        h.delete(h.client.receives[0].messages[0].receipt)
        h.at(.seconds(2))
        let table = h.simulation.report()
        let c = "sqs.orders"
        #expect(table.value(c, "messages_sent", "count") == 2)
        #expect(table.value(c, "messages_received", "count") == 2)
        #expect(table.value(c, "messages_deleted", "count") == 1)
        #expect(table.value(c, "empty_receives", "count") == 1)
        #expect(table.value(c, "messages_visible_end", "count") == 0)
        #expect(table.value(c, "messages_not_visible_end", "count") == 1)
        // Two in flight for the first second, one for the second.
        #expect(table.value(c, "messages_not_visible_mean", "count") == 1.5)
        #expect(table.value(c, "requests", "count") == 6)
        for metric in ["messages_delayed_mean", "duplicates_delivered", "messages_dead_lettered", "over_limit_errors", "throttled_calls",
                       "receives_starved", "messages_expired"] {
            #expect(table.value(c, metric, "count") == 0)
        }
        let series = h.simulation.timeSeries
        #expect(series.keys.map(\.metric) == ["messages_visible", "messages_not_visible", "age_of_oldest_message"])
        #expect(series.sampleCount == 2)
        #expect(series.value(sample: 0, series: 1) == 2)
        #expect(series.value(sample: 1, series: 1) == 1)
        #expect(series.value(sample: 1, series: 2) == 2)
    }

    @Test func configurationProblemsAreReported() {
        var configuration = SQSQueueConfiguration(name: "bad", visibilityTimeout: .seconds(50_000))
        configuration.sampledHosts = 40
        configuration.maxReceiveCount = 0
        #expect(configuration.problems.count == 3)
        #expect(SQSQueueConfiguration(name: "good").problems.isEmpty)
        #expect(SQSQueueConfiguration.assumedParameters.contains("duplicate_probability"))
    }
}
