import AWSModels
import SimKernel
import Testing

@Suite struct PartitionThroughputTests {
    /// One hot key asks 5,000 RCU/s of an 11,000 RCU table: its partition serves its 3,000
    /// ceiling (plus at most one second of ceiling at once) and throttles the rest with the
    /// key-range reason, although the table has capacity and the partition a full burst bank.
    @Test func aPartitionNeverExceedsItsCeiling() {
        var partitions = DynamoDBPartitionParameters()
        partitions.splitForHeat = false
        let (simulation, table) = DynamoDBTestSupport.table(DynamoDBTableConfiguration(
            name: "hot", mode: .provisioned(readUnits: 11_000, writeUnits: 100), partitions: partitions))
        #expect(table.partitionCount == 4)
        table.preload(key: 42, state: DynamoDBItemState(exists: true, version: 1, status: 2), itemBytes: 40 * 1_024)
        let load = DynamoDBLoad(table: table, operation: .get(.strong), phases: [(.zero, .milliseconds(2))], stop: .seconds(20)) { _ in 42 }
        simulation.register(load)
        load.start(in: simulation)
        simulation.run(until: .seconds(21))
        #expect(load.sent == 10_000)
        let served = Double(load.count(.success))
        #expect(table.consumedReadUnits == served * 10)
        #expect(table.consumedReadUnits <= 3_000 * 21, "the ceiling plus one second of depth")
        #expect(table.consumedReadUnits >= 3_000 * 19)
        #expect(load.reasons() == ["TableReadKeyRangeThroughputExceeded"])
        #expect(table.partitionHeatMax <= 2.001, "a full ceiling bucket plus one second of refill")
        #expect(table.partitionHeatMax >= 0.95)
        var metrics = MetricTable()
        table.report(at: simulation.now, into: &metrics)
        #expect(metrics.value("dynamodb.hot", "throttled_table_read_key_range", "count") == Double(load.count(.throttled)))
        #expect(metrics.value("dynamodb.hot", "throttled_table_read_provisioned", "count") == 0)
    }

    /// AWS's example: 150 RCU unused for 5 minutes banks 45,000 units, which carries a 200 RCU
    /// load for 900 s; then the partition serves its 150 RCU/s. Idle again, it refills at 150/s.
    @Test func theBurstBankDrainsAndRefills() throws {
        var partitions = DynamoDBPartitionParameters()
        partitions.burstInitiallyFull = false
        let (simulation, table) = DynamoDBTestSupport.table(DynamoDBTableConfiguration(
            name: "burst", mode: .provisioned(readUnits: 150, writeUnits: 10), partitions: partitions))
        #expect(table.partitionCount == 1)
        table.preload(key: 7, state: DynamoDBItemState(exists: true, version: 1, status: 2), itemBytes: 40 * 1_024)
        #expect(table.burstBalance(partition: 0, operation: .read, at: .seconds(100)) == 15_000)
        #expect(table.burstBalance(partition: 0, operation: .read, at: .seconds(300)) == 45_000)
        #expect(table.burstBalance(partition: 0, operation: .read, at: .seconds(400)) == 45_000, "the bank holds 300 s of share")
        // 20 reads/s of 10 RCU = 200 RCU/s from 400 s to 1,500 s.
        let load = DynamoDBLoad(table: table, operation: .get(.strong), phases: [(.seconds(400), .milliseconds(50))], stop: .seconds(1_500)) { _ in 7 }
        simulation.register(load)
        load.start(in: simulation)
        simulation.run(until: .seconds(1_500))
        let first = try #require(load.firstThrottle)
        #expect(first >= .seconds(1_295) && first <= .seconds(1_305), "45,000 units at 50 RCU/s over the share last 900 s")
        #expect(load.count(.throttled, to: .seconds(1_290)) == 0)
        // Afterwards the share, 150 RCU/s, is all it serves: 15 of 20 reads per second.
        let served = Double(load.count(.success, from: .seconds(1_400), to: .seconds(1_500))) * 10 / 100
        #expect(abs(served - 150) < 5)
        #expect(load.reasons() == ["TableReadProvisionedThroughputExceeded"])
        // Idle, the bank refills at 150 units/s up to 45,000.
        let after = table.burstBalance(partition: 0, operation: .read, at: .seconds(1_600))
        #expect(after >= 14_900 && after <= 15_100)
        #expect(table.burstBalance(partition: 0, operation: .read, at: .seconds(2_000)) == 45_000)
    }

    /// Adaptive capacity: one hot partition of a 4-partition table takes 2,500 RCU/s, beyond its
    /// 1,500 share, by borrowing what the idle partitions do not use (its burst bank empty).
    @Test func adaptiveCapacityLendsUnusedTableCapacityToAHotPartition() {
        for adaptive in [true, false] {
            var partitions = DynamoDBPartitionParameters()
            partitions.burstInitiallyFull = false
            partitions.splitForHeat = false
            partitions.adaptiveCapacity = adaptive
            let (simulation, table) = DynamoDBTestSupport.table(DynamoDBTableConfiguration(
                name: "adaptive\(adaptive)", mode: .provisioned(readUnits: 6_000, writeUnits: 2_000), partitions: partitions))
            #expect(table.partitionCount == 4)
            table.preload(key: 9, state: DynamoDBItemState(exists: true, version: 1, status: 2), itemBytes: 40 * 1_024)
            let load = DynamoDBLoad(table: table, operation: .get(.strong), phases: [(.zero, .milliseconds(4))], stop: .seconds(30)) { _ in 9 }
            simulation.register(load)
            load.start(in: simulation)
            simulation.run(until: .seconds(31))
            let rate = table.consumedReadUnits / 30
            if adaptive {
                #expect(load.count(.throttled) == 0)
                #expect(rate > 2_400)
            } else {
                #expect(rate < 1_600, "without adaptive capacity the partition gets its share only")
                #expect(load.reasons() == ["TableReadProvisionedThroughputExceeded"])
            }
        }
    }
}
