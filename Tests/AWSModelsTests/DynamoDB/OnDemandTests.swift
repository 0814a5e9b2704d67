import AWSModels
import SimKernel
import Testing

@Suite struct OnDemandTests {
    /// A new on-demand table (previous peak 6,000 RRU) runs 8,000 RRU/s for 20 minutes, which
    /// becomes its peak; a step to twice the peak is served at once; a step to four times the
    /// first peak is throttled for minutes and served once the reachable level has doubled
    /// again (about every 30 minutes). Reads are transactional 400 KB reads, 200 RRU each.
    @Test func servesTwiceThePeakAtOnceAndGrowsBehindIt() throws {
        let (simulation, table) = DynamoDBTestSupport.table(DynamoDBTableConfiguration(name: "od", mode: .onDemand))
        #expect(table.onDemandPeak?.read == 6_000)
        let keys = simulation.streams.stream("test/keys")
        for key in 0..<10_000 {
            table.preload(key: UInt64(key), state: DynamoDBItemState(exists: true, version: 1, status: 2), itemBytes: 400 * 1_024)
        }
        // 8,000 RRU/s = 40 reads/s.
        let load = DynamoDBLoad(table: table, operation: .get(.transactional), phases: [(.zero, .milliseconds(25))], stop: .seconds(80 * 60)) { _ in
            UInt64(keys.index(below: 10_000))
        }
        simulation.register(load)
        load.start(in: simulation)
        simulation.run(until: .seconds(20 * 60))
        let peak = try #require(table.onDemandPeak).read
        #expect(abs(peak - 8_000) <= 200, "the sustained rate became the peak")
        #expect(load.count(.throttled) == 0)
        // Twice the peak, at once.
        load.phases.append((.seconds(20 * 60), SimTime(seconds: 200 / (2 * peak))))
        simulation.run(until: .seconds(25 * 60))
        #expect(load.count(.throttled) == 0, "twice the previous peak is served at once")
        // Four times the first peak: 32,000 RRU/s = 160 reads/s.
        load.phases.append((.seconds(25 * 60), .microseconds(6_250)))
        simulation.run(until: .seconds(80 * 60))
        let early = load.count(.throttled, from: .seconds(25 * 60), to: .seconds(30 * 60))
        #expect(Double(early) > 0.3 * 300 * 160, "most of the growth past twice the peak is throttled at first")
        #expect(load.reasons() == ["TableReadKeyRangeThroughputExceeded"])
        #expect(load.count(.throttled, from: .seconds(65 * 60)) == 0, "served after the reachable level doubled")
        #expect(load.count(.success, from: .seconds(70 * 60), to: .seconds(80 * 60)) >= 160 * 600 - 2)
        #expect(table.partitionCount >= 11, "enough partitions for 32,000 RRU")
        var metrics = MetricTable()
        table.report(at: simulation.now, into: &metrics)
        let growth = try #require(metrics.value("dynamodb.od", "throttled_on_demand_growth", "count"))
        #expect(growth > 0 && growth <= Double(load.count(.throttled)), "growth throttles, and hot partitions before they split")
    }

    /// The per-table quota (and the optional maximum) throttle with `ThrottlingException` reasons.
    @Test func theTableMaximumThrottlesWithTheOnDemandReason() {
        var onDemand = DynamoDBOnDemandParameters()
        onDemand.maxWriteUnits = 500
        let (simulation, table) = DynamoDBTestSupport.table(DynamoDBTableConfiguration(name: "capped", mode: .onDemand, onDemand: onDemand))
        let load = DynamoDBLoad(table: table, operation: .put(itemBytes: 1_000, indexKey: nil), phases: [(.zero, .milliseconds(1))], stop: .seconds(10)) { UInt64($0) }
        simulation.register(load)
        load.start(in: simulation)
        simulation.run(until: .seconds(11))
        #expect(load.reasons() == ["TableWriteMaxOnDemandThroughputExceeded"])
        #expect(table.consumedWriteUnits <= 500 * 11)
        #expect(table.consumedWriteUnits >= 500 * 9)
        #expect(ThrottleReason(.table, .write, .maxOnDemandThroughputExceeded).exceptionName == "ThrottlingException")
    }
}
