import AWSModels
import SimKernel
import Testing

/// A caller that writes items through an SDK client: on a throttle it retries after the
/// backoff the client asks for, waiting for the rate limiter's delay before each attempt.
final class DynamoDBWriter: Component {
    let table: DynamoDBTable
    let client: SDKClient
    var requests: [SDKRequest] = []
    var keys: [UInt64] = []
    var succeeded = 0
    var failed: [SDKFailure] = []
    private static let send: UInt32 = 1
    private static let retry: UInt32 = 2

    init(table: DynamoDBTable, client: SDKClient) {
        self.table = table
        self.client = client
    }

    func write(key: UInt64, in simulation: Simulation) {
        requests.append(SDKRequest())
        keys.append(key)
        prepare(UInt32(requests.count - 1), in: simulation)
    }

    private func prepare(_ slot: UInt32, in simulation: Simulation) {
        let wait = client.prepareAttempt(&requests[Int(slot)], at: simulation.now)
        simulation.schedule(after: wait, target: id, kind: Self.send, subject: slot)
    }

    override func handle(_ event: Event, in simulation: Simulation) {
        let slot = event.subject
        switch event.kind {
        case Self.send:
            table.putItem(key: keys[Int(slot)], itemBytes: 1_000, status: DynamoDBItemStatus.pending, caller: id, slot: slot, in: simulation)
        case Self.retry:
            prepare(slot, in: simulation)
        case DynamoDBResponse.kind:
            let response = DynamoDBResponse(event)
            let outcome: SDKAttemptOutcome
            switch response.outcome {
            case .success: outcome = .success
            case .throttled: outcome = .throttled
            case .conditionalCheckFailed, .transactionCanceled: outcome = .nonRetryableError
            }
            switch client.complete(&requests[Int(slot)], outcome: outcome, at: simulation.now) {
            case .succeeded: succeeded += 1
            case .retry(let backoff): simulation.schedule(after: backoff, target: id, kind: Self.retry, subject: slot)
            case .failed(let failure, _): failed.append(failure)
            }
        default:
            preconditionFailure("unknown event")
        }
    }

    override func resetStatistics(at time: SimTime) {
        client.resetStatistics()
    }

    override func report(at time: SimTime, into table: inout MetricTable) {
        client.report(component: "sdk.writer", into: &table)
    }

    override var seriesKeys: [MetricKey] { client.seriesKeys(component: "sdk.writer") }

    override func sample(at time: SimTime, into frame: inout [Double]) {
        client.sample(at: time, into: &frame)
    }
}

@Suite struct SDKClientWithDynamoDBTests {
    /// 400 writes at once into a 10 WCU table with an empty burst bank: throttles, retries
    /// with backoff, some succeed, and every throttle the table counted the client saw. (In
    /// adaptive mode the rate limiter holds attempts back for a minute and more.)
    @Test func retriesAgainstAThrottlingTable() {
        for policy in [SDKRetryPolicy.standard2025(), .standard2026(dynamoDB: true), .adaptive(.standard2026(dynamoDB: true))] {
            var partitions = DynamoDBPartitionParameters()
            partitions.burstInitiallyFull = false
            let simulation = Simulation(seed: 11)
            let table = DynamoDBTable(configuration: DynamoDBTableConfiguration(
                name: "small", mode: .provisioned(readUnits: 10, writeUnits: 10), partitions: partitions), streams: simulation.streams)
            simulation.register(table)
            let writer = DynamoDBWriter(table: table, client: SDKClient(policy: policy, random: simulation.streams.stream("sdk.writer/jitter")))
            simulation.register(writer)
            simulation.observe(warmupEnd: .zero, sampleInterval: .seconds(1))
            simulation.run(until: .zero)
            for key in 0..<400 { writer.write(key: UInt64(key), in: simulation) }
            simulation.run(until: .seconds(300))
            let s = writer.client.statistics
            #expect(writer.succeeded + writer.failed.count == 400)
            #expect(writer.succeeded >= 10 && writer.succeeded < 400)
            #expect(s.throttles.total == table.statistics.throttledRequests.total)
            #expect(s.attempts.total == s.requests.total + s.retries.total)
            #expect(s.attempts.total == UInt64(writer.succeeded) + table.statistics.throttledRequests.total)
            #expect(writer.failed.allSatisfy { $0 == .attemptsExhausted || $0 == .retryQuotaExhausted })
            #expect(table.itemCount == writer.succeeded)
            let report = simulation.report()
            #expect(report.value("sdk.writer", "attempts", "count") == Double(s.attempts.total))
            #expect(report.value("dynamodb.small", "throttled_table_write_provisioned", "count") == Double(s.throttles.total))
            let series = simulation.timeSeries
            #expect(series.sampleCount == 300)
            #expect(series.keys.contains(MetricKey("dynamodb.small", "consumed_wcu", "per_s")))
            if policy.mode == .adaptive { #expect(s.rateLimited.total > 0) }
        }
    }
}
