import AWSModels
import SimKernel
import Testing

@Suite struct SplitForHeatTests {
    static func configuration(_ name: String) -> DynamoDBTableConfiguration {
        var partitions = DynamoDBPartitionParameters()
        partitions.splitAfter = .seconds(30)
        return DynamoDBTableConfiguration(name: name, mode: .provisioned(readUnits: 6_000, writeUnits: 100), partitions: partitions)
    }

    /// 4,000 RCU/s over 64 keys of one partition: throttled at its ceiling until, hot for 30 s,
    /// it splits at the median of its keys; then both halves serve the load.
    @Test func aHotKeyRangeSplitsAndStopsThrottling() {
        let (simulation, table) = DynamoDBTestSupport.table(Self.configuration("range"))
        #expect(table.partitionCount == 3, "6000/3000 + 100/1000 = 2.1")
        var keys: [UInt64] = []
        var candidate: UInt64 = 1
        while keys.count < 64 {
            if table.partition(forKey: candidate) == 0 { keys.append(candidate) }
            candidate += 1
        }
        for key in keys { table.preload(key: key, state: DynamoDBItemState(exists: true, version: 1, status: 2), itemBytes: 40 * 1_024) }
        let choice = simulation.streams.stream("test/keys")
        let load = DynamoDBLoad(table: table, operation: .get(.strong), phases: [(.zero, .microseconds(2_500))], stop: .seconds(150)) { _ in
            keys[choice.index(below: 64)]
        }
        simulation.register(load)
        load.start(in: simulation)
        simulation.run(until: .seconds(151))
        #expect(load.count(.throttled, to: .seconds(20)) > 0)
        #expect(load.reasons() == ["TableReadKeyRangeThroughputExceeded"])
        #expect(table.partitionSplits >= 1)
        #expect(table.partitionCount >= 4)
        #expect(load.count(.throttled, from: .seconds(130)) == 0)
    }

    /// One key alone beyond the ceiling: splits isolate it, then stop; it stays throttled.
    @Test func singleKeyHeatCannotSplitBelowOneItem() {
        let (simulation, table) = DynamoDBTestSupport.table(Self.configuration("single"))
        table.preload(key: 5, state: DynamoDBItemState(exists: true, version: 1, status: 2), itemBytes: 40 * 1_024)
        let load = DynamoDBLoad(table: table, operation: .get(.strong), phases: [(.zero, .microseconds(2_500))], stop: .seconds(300)) { _ in 5 }
        simulation.register(load)
        load.start(in: simulation)
        simulation.run(until: .seconds(301))
        #expect(table.partitionSplits >= 1 && table.partitionSplits <= 2)
        #expect(load.count(.throttled, from: .seconds(250)) > 0)
        #expect(table.consumedReadUnits <= 3_000 * 303)
    }
}
