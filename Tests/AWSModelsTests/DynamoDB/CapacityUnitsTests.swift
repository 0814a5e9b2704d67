import AWSModels
import SimKernel
import Testing

@Suite struct CapacityUnitsTests {
    @Test func readsRoundUpToFourKilobytes() {
        #expect(CapacityUnits.read(itemBytes: 3_500, consistency: .strong) == 1)
        #expect(CapacityUnits.read(itemBytes: 3_500, consistency: .eventual) == 0.5)
        #expect(CapacityUnits.read(itemBytes: 3_500, consistency: .transactional) == 2)
        #expect(CapacityUnits.read(itemBytes: 4_096, consistency: .strong) == 1)
        #expect(CapacityUnits.read(itemBytes: 4_097, consistency: .strong) == 2)
        #expect(CapacityUnits.read(itemBytes: 0, consistency: .eventual) == 0.5, "a missing item still costs the minimum")
        #expect(CapacityUnits.read(itemBytes: 400 * 1_024, consistency: .strong) == 100)
    }

    @Test func writesRoundUpToOneKilobyteAndTransactionsDouble() {
        #expect(CapacityUnits.write(itemBytes: 1_536) == 2)
        #expect(CapacityUnits.write(itemBytes: 1_536, transactional: true) == 4)
        #expect(CapacityUnits.write(itemBytes: 1_024) == 1)
        #expect(CapacityUnits.write(itemBytes: 1_025) == 2)
        #expect(CapacityUnits.write(itemBytes: 0) == 1)
        #expect(CapacityUnits.write(itemBytes: 100, transactional: true) == 2)
    }

    @Test func partitionCountFollowsTheClassicRule() {
        let simulation = Simulation(seed: 1)
        func partitions(_ mode: DynamoDBCapacityMode, size: Double = 0) -> Int {
            DynamoDBTable(configuration: DynamoDBTableConfiguration(name: "t\(mode)\(size)", mode: mode, tableSizeBytes: size),
                          streams: simulation.streams).partitionCount
        }
        #expect(partitions(.provisioned(readUnits: 9_000, writeUnits: 500)) == 4, "9000/3000 + 500/1000 = 3.5")
        #expect(partitions(.provisioned(readUnits: 3_000, writeUnits: 0)) == 1)
        #expect(partitions(.provisioned(readUnits: 100, writeUnits: 100), size: 25 * 1_073_741_824) == 3, "25 GB at 10 GB each")
        #expect(partitions(.onDemand) == 4, "12,000 RRU or 4,000 WRU at once: four partitions")
    }

    @Test func responsesSurviveTheEventPayload() {
        let response = DynamoDBResponse(
            outcome: .throttled, operation: .transactWriteItems,
            throttleReason: ThrottleReason(.index, .write, .keyRangeThroughputExceeded),
            item: DynamoDBItemState(exists: true, version: 0xFFFF_FFFF, status: 0xAB), actionIndex: 99)
        #expect(DynamoDBResponse(argument: response.argument) == response)
        let plain = DynamoDBResponse(outcome: .success, operation: .getItem, item: .missing)
        #expect(DynamoDBResponse(argument: plain.argument) == plain)
        #expect(plain.argument == 0)
    }

    @Test func throttleReasonsCarryAWSNames() {
        #expect(ThrottleReason.all.count == 16)
        #expect(Set(ThrottleReason.all.map(\.code)).count == 16)
        for reason in ThrottleReason.all { #expect(ThrottleReason(code: reason.code) == reason) }
        #expect(ThrottleReason(.table, .write, .keyRangeThroughputExceeded).name == "TableWriteKeyRangeThroughputExceeded")
        #expect(ThrottleReason(.index, .write, .provisionedThroughputExceeded).name == "IndexWriteProvisionedThroughputExceeded")
        #expect(ThrottleReason(.table, .read, .maxOnDemandThroughputExceeded).exceptionName == "ThrottlingException")
        #expect(ThrottleReason(.table, .read, .keyRangeThroughputExceeded).exceptionName == "ProvisionedThroughputExceededException")
        #expect(ThrottleReason(code: 0) == nil)
    }
}
