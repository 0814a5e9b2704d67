import AWSModels
import SimKernel
import Testing

@Suite struct DynamoDBDeterminismTests {
    /// Random keys, skew, splits, latencies and stale reads: the same seed gives the same
    /// metrics and series, bit for bit; another seed gives other latencies.
    static func run(seed: UInt64) -> ReplicationResult {
        var partitions = DynamoDBPartitionParameters()
        partitions.splitAfter = .seconds(10)
        let (simulation, table) = DynamoDBTestSupport.table(DynamoDBTableConfiguration(
            name: "det", mode: .provisioned(readUnits: 3_000, writeUnits: 1_000), partitions: partitions,
            index: DynamoDBIndexConfiguration(name: "by-status", mode: .provisioned(readUnits: 10, writeUnits: 200))), seed: seed)
        let keys = simulation.streams.stream("test/keys")
        let writes = DynamoDBLoad(table: table, operation: .put(itemBytes: 2_000, indexKey: 1), phases: [(.zero, .microseconds(700))], stop: .seconds(60)) { _ in
            keys.bernoulli(0.5) ? UInt64(keys.index(below: 4)) : UInt64(keys.index(below: 100_000))
        }
        simulation.register(writes)
        let reads = DynamoDBLoad(table: table, operation: .get(.eventual), phases: [(.zero, .microseconds(300))], stop: .seconds(60)) { _ in
            UInt64(keys.index(below: 1_000))
        }
        simulation.register(reads)
        simulation.observe(warmupEnd: .seconds(5), sampleInterval: .seconds(5))
        writes.start(in: simulation)
        reads.start(in: simulation)
        simulation.run(until: .seconds(60))
        return ReplicationResult(replication: 0, seed: seed, events: simulation.processedEvents, metrics: simulation.report(), series: simulation.timeSeries)
    }

    @Test func sameSeedSameResults() {
        let first = Self.run(seed: 21)
        let second = Self.run(seed: 21)
        #expect(first == second)
        #expect(first.digest == second.digest)
        #expect(first.metrics.value("dynamodb.det", "throttled_requests", "count")! > 0)
        #expect(first.metrics.value("dynamodb.det", "partition_splits", "count")! >= 1)
        #expect(Self.run(seed: 22).digest != first.digest)
    }
}
