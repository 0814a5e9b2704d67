import AWSModels
import SimKernel
import Testing

/// The `read_capacity` and `write_capacity` series that the report draws consumption against.
@Suite struct CapacitySeriesTests {
    static func sample(_ table: DynamoDBTable, at time: SimTime) -> [String: Double] {
        var frame: [Double] = []
        table.sample(at: time, into: &frame)
        #expect(frame.count == table.seriesKeys.count)
        return Dictionary(uniqueKeysWithValues: zip(table.seriesKeys.map(\.metric), frame))
    }

    @Test func provisionedCapacityFollowsUpdateTable() {
        let (simulation, table) = DynamoDBTestSupport.table(
            DynamoDBTableConfiguration(name: "t", mode: .provisioned(readUnits: 400, writeUnits: 300)))
        simulation.run(until: .seconds(60))
        let before = Self.sample(table, at: simulation.now)
        #expect(before["read_capacity"] == 400)
        #expect(before["write_capacity"] == 300)
        table.setProvisionedThroughput(readUnits: 400, writeUnits: 30, in: simulation)
        simulation.run(until: .seconds(120))
        let after = Self.sample(table, at: simulation.now)
        #expect(after["read_capacity"] == 400)
        #expect(after["write_capacity"] == 30)
    }

    /// A new on-demand table serves twice its previous peak at once: 12,000 reads and 4,000
    /// writes per second (aws-spec.md, on-demand scaling).
    @Test func onDemandCapacityIsTwiceThePreviousPeak() throws {
        let (simulation, table) = DynamoDBTestSupport.table(DynamoDBTableConfiguration(name: "od", mode: .onDemand))
        let peak = try #require(table.onDemandPeak)
        simulation.run(until: .seconds(60))
        let values = Self.sample(table, at: simulation.now)
        #expect(values["read_capacity"] == 2 * peak.read)
        #expect(values["write_capacity"] == 2 * peak.write)
        #expect(values["read_capacity"] == 12_000)
        #expect(values["write_capacity"] == 4_000)
    }
}
