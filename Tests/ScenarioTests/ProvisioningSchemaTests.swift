import AWSModels
import Foundation
import Provisioning
import Scenario
import SimKernel
import Testing

/// A small provisioning-only scenario, the base the tests change one line of:
///
///     1  name: p
///     2  duration: 10m
///     3  provisioning:
///     4    signups: { rate: 1 }
///     5    api: { instances: 2, threads: 8 }
///     6    table: { name: tenants, mode: on_demand }
///     7    queue: { name: provisioning, visibility_timeout: 30s, max_receive_count: 3 }
///     8    workers: { instances: 2, threads: 4 }
///     9    steps:
///    10      - { name: database, duration: 2s }
let provisioningScenario = """
    name: p
    duration: 10m
    provisioning:
      signups: { rate: 1 }
      api: { instances: 2, threads: 8 }
      table: { name: tenants, mode: on_demand }
      queue: { name: provisioning, visibility_timeout: 30s, max_receive_count: 3 }
      workers: { instances: 2, threads: 4 }
      steps:
        - { name: database, duration: 2s }

    """

@Suite struct ProvisioningSchemaTests {
    @Test func aProvisioningOnlyScenarioNeedsNoEdgeOrTraffic() throws {
        let scenario = try ScenarioLoader.parse(provisioningScenario, file: "p.yaml")
        #expect(scenario.platform == nil && scenario.network == nil)
        let p = try #require(scenario.provisioning)
        #expect(p.mode == .async)
        #expect(p.signups == SignupLoad(rate: 1))
        #expect(p.api == ControlPlaneConfiguration(instances: 2, threads: 8, handling: .constant(0.005), timeout: .seconds(30)))
        #expect(p.table.name == "tenants" && p.table.mode == .onDemand && p.table.index == nil)
        #expect(p.recordBytes == 2_048)
        #expect(p.queue.name == "provisioning" && p.queue.visibilityTimeout == .seconds(30) && p.queue.maxReceiveCount == 3)
        #expect(p.deadLetterQueue?.name == "provisioning-dlq")
        #expect(p.deadLetterQueue?.retention == .seconds(1_209_600))
        #expect(p.workers == WorkerPoolConfiguration(instances: 2, threads: 4))
        #expect(p.steps == [ProvisioningStep(name: "database", duration: .constant(2))])
        #expect(p.dynamoDBRetry == .standard2025() && p.sqsRetry == .standard2025())
        #expect(p.capacityCuts.isEmpty)
    }

    @Test func theStormScenarioReadsAsWritten() throws {
        let scenario = try ScenarioLoader.load(file: packageRoot.appendingPathComponent("scenarios/provisioning-storm.yaml").path)
        let p = try #require(scenario.provisioning)
        #expect(scenario.duration == .seconds(45 * 60) && scenario.replications == 3)
        #expect(p.signups == SignupLoad(rate: 0.4, bursts: [SignupBurst(start: .seconds(300), count: 20_000, window: .seconds(600))]))
        #expect(p.api.instances == 3 && p.api.threads == 32 && p.api.queueCapacity == 200 && p.api.timeout == .seconds(30))
        #expect(p.api.handling == .lognormal(median: 0.008, p99: 0.060))
        #expect(p.queue.visibilityTimeout == .seconds(300) && p.queue.maxReceiveCount == 5)
        #expect(p.deadLetterQueue?.name == "provisioning-dlq")
        #expect(p.workers.fleet == "workers" && p.workers.threads == 16 && p.workers.receiveBatch == 1 && p.workers.waitTime == .seconds(20))
        let fleets = try #require(scenario.platform?.fleets)
        let fleet = try #require(fleets.fleets.first)
        #expect(fleets.fleets.count == 1 && fleet.name == "workers" && fleet.service == "provisioning.workers")
        #expect(fleet.minSize == 4 && fleet.desiredCapacity == 4 && fleet.maxSize == 48)
        #expect(fleet.autoscaling?.metric == .backlogPerInstance && fleet.autoscaling?.target == 200)
        #expect(p.workers.instances == fleets.slots(ofFleet: 0), "one process per slot of the fleet")
        #expect(p.workers.heartbeat == VisibilityHeartbeat(interval: .seconds(60), timeout: .seconds(300)))
        #expect(p.steps.map(\.name) == ["create-database", "configure-dns", "seed-content", "send-welcome-email"])
        #expect(p.steps.map(\.idempotencyKey) == [true, true, true, false])
        #expect(p.steps[0].duration == .lognormal(median: 12, p99: 60) && p.steps[0].failureProbability == 0.02)
    }

    @Test func theThrottlingScenarioCutsAProvisionedTable() throws {
        let scenario = try ScenarioLoader.load(file: packageRoot.appendingPathComponent("scenarios/faults/dynamodb-throttling.yaml").path)
        let p = try #require(scenario.provisioning)
        #expect(p.table.mode == .provisioned(readUnits: 400, writeUnits: 400))
        #expect(p.capacityCuts == [TableCapacityCut(start: .seconds(480), readUnits: 400, writeUnits: 40, duration: .seconds(300))])
    }

    @Test func overridesReachTheWorkflow() throws {
        let scenario = try ScenarioLoader.parse(provisioningScenario, file: "p.yaml", overrides: [
            "provisioning.mode=synchronous", "provisioning.sdk={ dynamodb: standard-2026, sqs: { preset: legacy, max_attempts: 5 } }",
            "provisioning.table.mode={ provisioned: { read_units: 100, write_units: 50 } }",
            "provisioning.table.status_index={ read_units: 10, write_units: 2000 }",
            "provisioning.workers.heartbeat={ interval: 10s, timeout: 1m }",
        ])
        let p = try #require(scenario.provisioning)
        #expect(p.mode == .synchronous)
        #expect(p.dynamoDBRetry == .standard2026(dynamoDB: true))
        #expect(p.sqsRetry == .legacy(maxAttempts: 5))
        #expect(p.table.mode == .provisioned(readUnits: 100, writeUnits: 50))
        #expect(p.table.index?.name == "by-status" && p.table.index?.mode == .provisioned(readUnits: 10, writeUnits: 2_000))
        #expect(p.workers.heartbeat == VisibilityHeartbeat(interval: .seconds(10), timeout: .seconds(60)))
    }

    @Test(arguments: [
        (4, "  signup: { rate: 1 }", "p.yaml:4:3: error: unknown key 'signup' in 'provisioning'; did you mean 'signups'?"),
        (4, "  signups: { rate: 1 }\n  mode: asyn", "p.yaml:5:9: error: 'provisioning.mode' is one of async, synchronous, found 'asyn'; did you mean 'async'?"),
        (4, "  signups: { rate: 0 }", "p.yaml:4:12: error: 'provisioning.signups' needs a 'rate' above zero or 'bursts'"),
        (4, "  signups: { bursts: [ { at: 20m, count: 100, over: 1m } ] }", "p.yaml:4:30: error: sign-up burst 1 starts after the run ends (10m)"),
        (5, "  api: { instances: 2, thread: 8 }", "p.yaml:5:24: error: unknown key 'thread' in 'provisioning.api'; did you mean 'threads'?"),
        (6, "  table: { name: tenants, mode: on-demand }", "p.yaml:6:33: error: table 'tenants' mode is one of on_demand, found 'on-demand'; did you mean 'on_demand'?"),
        (6, "  table: { name: tenants, mode: on_demand, item_size: 2 KiB }", "p.yaml:6:55: error: table 'tenants' item_size must be a size with its unit (B, KB, MB, GB, TB), found '2 KiB'"),
        (6, "  table: { name: tenants, mode: { provisioned: { read_units: 10 } } }", "p.yaml:6:48: error: table 'tenants' provisioned mode needs 'write_units'"),
        (7, "  queue: { name: provisioning, visibility_timeout: 13h, max_receive_count: 3 }", "p.yaml:7:52: error: queue 'provisioning' visibility_timeout must be between 0 and 12h"),
        (7, "  queue: { name: provisioning, dead_letter_queue: dlq }", "p.yaml:7:51: error: queue 'provisioning' has a dead_letter_queue but no max_receive_count to redrive after"),
        (7, "  queue: { name: provisioning, max_receive_count: 0 }", "p.yaml:7:51: error: queue 'provisioning' max_receive_count must be between 1 and 1000, found 0"),
        (8, "  workers: { instances: 2, threads: 4, wait_time: 30s }", "p.yaml:8:51: error: 'provisioning.workers.wait_time' must be between 1s and 20s (workers long-poll)"),
        (8, "  workers: { instances: 2, heartbeat: { interval: 1m, timeout: 30s } }", "p.yaml:8:64: error: 'provisioning.workers.heartbeat.timeout' must be longer than its interval (1m) and at most 12h"),
        (10, "    - { name: database, duration: 2s, failure_probability: 1.5 }", "p.yaml:10:60: error: step 'database' failure_probability is a probability and must lie in [0, 1], found 1.5"),
        (10, "    - { name: database, duration: 2s, idempotency_keys: true }", "p.yaml:10:39: error: unknown key 'idempotency_keys' in step 1; did you mean 'idempotency_key'?"),
        (10, "    - { name: database, duration: 2s }\n    - { name: database, duration: 1s }", "p.yaml:11:15: error: step 'database' is listed twice"),
        (10, "    - { name: database, duration: { lognormal: { median: 2s } } }", "p.yaml:10:48: error: step 'database' duration (lognormal) needs 'p99'"),
        (10, "    - { name: database, duration: 2s }\n  sdk: { dynamodb: legacy }", "p.yaml:11:20: error: 'provisioning.sdk.dynamodb': legacy retries differ by SDK; give { preset: legacy, max_attempts: N }"),
        (10, "    - { name: database, duration: 2s }\n  sdk: { sqs: standard-2205 }", "p.yaml:11:15: error: 'provisioning.sdk.sqs' is one of standard-2025, standard-2026, adaptive-2025, adaptive-2026, legacy, found 'standard-2205'; did you mean 'standard-2025'?"),
        (10, "    - { name: database, duration: 2s }\n  faults: [ { at: 1m, table_capacity: { read_units: 1, write_units: 1 } } ]", "p.yaml:11:39: error: provisioning fault 1: 'table_capacity' needs a provisioned table; 'tenants' is on demand"),
    ])
    func mistakesArePointedAt(line: Int, replacement: String, message: String) {
        let error = loadError(provisioningScenario.replacingLine(line, with: replacement), file: "p.yaml")
        #expect(error?.description == message)
    }

    @Test func anOverrideMistakeIsPointedAtOnTheCommandLine() {
        let error = loadError(provisioningScenario, file: "p.yaml", overrides: ["provisioning.workers.threads=0"])
        #expect(error?.description == "--set:1:30: error: 'provisioning.workers.threads' must be between 1 and 10000, found 0")
    }
}

/// The shipped provisioning scenarios load, and a replication run twice gives the same digest.
@Suite struct ShippedProvisioningScenarioTests {
    static let files = ["scenarios/provisioning-storm.yaml", "scenarios/tradeoffs/sync-vs-async-provisioning.yaml", "scenarios/faults/dynamodb-throttling.yaml"]

    @Test(arguments: files)
    func loadsAndRunsTheSameTwice(file: String) throws {
        let path = packageRoot.appendingPathComponent(file).path
        let full = try ScenarioLoader.load(file: path)
        #expect(full.warnings.isEmpty && !full.description.isEmpty && full.provisioning != nil)
        #expect(full.text.hasPrefix("# "), "opens with what it answers and how to run it")
        // A shorter run of the same scenario: fifteen minutes, ten times fewer sign-ups.
        let text = full.text.replacingOccurrences(of: "count: 20000", with: "count: 2000")
            .replacingOccurrences(of: "count: 10800", with: "count: 1080").replacingOccurrences(of: "count: 6000", with: "count: 600")
        let scenario = try ScenarioLoader.parse(text, file: path, overrides: ["duration=15m", "warmup=1m"])
        let first = ScenarioRunner.runReplication(scenario, index: 0)
        let second = ScenarioRunner.runReplication(scenario, index: 0)
        #expect(first.digest == second.digest)
        #expect(first.metrics.value("provisioning", "ready", "count") ?? 0 > 100)
        #expect(ScenarioRunner.runReplication(scenario, index: 1).digest != first.digest)
    }
}
