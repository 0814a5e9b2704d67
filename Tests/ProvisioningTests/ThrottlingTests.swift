import AWSModels
import Provisioning
import SimKernel
import Testing

/// DynamoDB throttling under the workflow, and the SDK retries it sets off.
@Suite struct ThrottlingTests {
    func series(_ simulation: Simulation, _ component: String, _ metric: String) -> [Double] {
        let series = simulation.timeSeries
        let column = series.keys.firstIndex { $0.component == component && $0.metric == metric }!
        return (0..<series.sampleCount).map { series.value(sample: $0, series: column) }
    }

    /// Ten sign-ups a second (60 WCU a second) against 200 WCU; from 60 s to 120 s the table
    /// has 2 WCU. Its burst bank shrinks to 300 s of that, 600 units, gone in ten seconds:
    /// throttles, and the SDK retries they set off, fill the rest of that minute and no
    /// other; the retry quotas drain; afterwards redelivery carries the queued tenants
    /// through.
    @Test func aCapacityCutSetsOffARetryStormThatEndsWithIt() {
        var configuration = smallWorkflow()
        configuration.signups = SignupLoad(rate: 10)
        configuration.workers = WorkerPoolConfiguration(instances: 2, threads: 32)
        configuration.queue.maxReceiveCount = 100
        configuration.table.mode = .provisioned(readUnits: 200, writeUnits: 200)
        configuration.table.partitions.burstInitiallyFull = false
        configuration.capacityCuts = [TableCapacityCut(start: .seconds(60), readUnits: 2, writeUnits: 2, duration: .seconds(60))]
        let (system, simulation) = run(configuration, for: .seconds(400))
        let throttles = series(simulation, "dynamodb.tenants", "throttled_requests")
        let retries = series(simulation, "sdk.provisioning-workers.dynamodb", "retries")
        let quota = series(simulation, "sdk.provisioning-api.dynamodb", "retry_quota_available_min")
        // Samples every 10 s: sample i covers ((i) * 10, (i + 1) * 10].
        #expect(throttles[0..<6].allSatisfy { $0 == 0 })
        #expect(throttles[7..<12].allSatisfy { $0 > 1 })
        #expect(throttles[14...].allSatisfy { $0 == 0 })
        #expect(retries[7..<12].allSatisfy { $0 > 0 })
        #expect(retries[0..<6].allSatisfy { $0 == 0 })
        #expect(quota[5] == 500 && quota[11] < 100)
        let metrics = simulation.report()
        #expect(metrics["dynamodb.tenants", "throttled_table_write_provisioned"] > 500)
        #expect(metrics["provisioning", "sdk_retry_quota_exhausted"] > 100)
        #expect(metrics["provisioning.api", "errors"] > 100)
        #expect(metrics["provisioning.workers", "abandoned"] > 50)
        // Tenants the API could not record were turned away; the others became ready, but
        // for those of the last few seconds (ten a second, each three seconds of steps).
        #expect(system.tenants(.ready) + system.tenants(.rejected) + system.tenants(.inProgress) == system.ledger.count)
        #expect(system.tenants(.inProgress) < 60)
    }

    /// A status index turns each status into one hot key: 300 sign-ups a second with 4 KB
    /// records write 1,200 units a second under PENDING, more than the 1,000 one partition
    /// serves, and base-table writes are throttled for the index's sake. Without the index,
    /// nothing is throttled.
    @Test func aLowCardinalityIndexKeyMakesAHotPartition() {
        var configuration = smallWorkflow()
        configuration.signups = SignupLoad(bursts: [SignupBurst(start: .seconds(1), count: 6_000, window: .seconds(20))])
        configuration.recordBytes = 4_096
        configuration.workers = WorkerPoolConfiguration(instances: 1, threads: 1)
        let (_, plain) = run(configuration, for: .seconds(30))
        #expect(plain.report()["dynamodb.tenants", "throttled_requests"] == 0)
        configuration.table.index = DynamoDBIndexConfiguration(name: "by-status", mode: .onDemand)
        let (_, indexed) = run(configuration, for: .seconds(30))
        let metrics = indexed.report()
        #expect(metrics["dynamodb.tenants", "throttled_index_write_key_range"] > 500)
        #expect(metrics["dynamodb.tenants.by-status", "partition_heat_max"] > 0.99)
        #expect(metrics["provisioning", "sdk_retries"] > 500)
    }

    /// A FIFO queue (one message group per tenant) takes 300 SendMessage calls a second: a
    /// burst of 500 sign-ups a second is throttled there and the API's SQS clients retry;
    /// those that run out of attempts leave a record written and no message queued (the dual
    /// write half done): orphaned tenants, which nothing will provision. Some run out of
    /// attempts, more find their client's retry quota empty.
    @Test func aFIFOQueueThrottlesSendsPastItsLimit() {
        var configuration = smallWorkflow()
        configuration.signups = SignupLoad(bursts: [SignupBurst(start: .seconds(1), count: 2_000, window: .seconds(4))])
        configuration.api = ControlPlaneConfiguration(instances: 4, threads: 64, handling: .constant(0.002))
        configuration.workers = WorkerPoolConfiguration(instances: 4, threads: 32, receiveBatch: 10)
        var queue = SQSQueueConfiguration(name: "provisioning.fifo", type: .fifo, visibilityTimeout: .seconds(30), maxReceiveCount: 3)
        queue.latency = SQSAPILatency(all: .constant(0.01))
        configuration.queue = queue
        configuration.deadLetterQueue = SQSQueueConfiguration(name: "provisioning-dlq.fifo", type: .fifo)
        let (system, simulation) = run(configuration, for: .seconds(120))
        let metrics = simulation.report()
        #expect(metrics["sqs.provisioning.fifo", "throttled_calls"] > 100)
        #expect(metrics["sdk.provisioning-api.sqs", "throttles_seen"] == metrics["sqs.provisioning.fifo", "throttled_calls"])
        #expect(metrics["sdk.provisioning-api.sqs", "retries"] > 100)
        #expect(metrics["sqs.provisioning.fifo", "messages_sent"] + Double(system.tenants(.orphaned)) == 2_000)
        #expect(system.tenants(.ready) + system.tenants(.orphaned) == 2_000)
        #expect(system.tenants(.orphaned) > 100)
        let gaveUp = metrics["sdk.provisioning-api.sqs", "requests_failed_attempts_exhausted"] + metrics["sdk.provisioning-api.sqs", "retry_quota_exhausted"]
        #expect(gaveUp == Double(system.tenants(.orphaned)))
    }
}
