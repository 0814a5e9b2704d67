import AWSModels
import Scenario
import SimKernel
import Testing

/// The edge scenario of EdgeSchemaTests with its service reading each request's tenant from a
/// table, and writing it on one request in ten.
let applicationCallsScenario = edge(
    replacingLine: 5,
    with: "  web: { instances: 4, concurrency: 8, service_time: 20ms, calls: [ { table: tenants, operation: get_item },"
        + " { table: tenants, operation: update_item, item_size: 1.5KB, probability: 0.1 } ] }")
    + "dynamodb: { tenants: { mode: { provisioned: { read_units: 500, write_units: 100 } } } }\n"

@Suite struct ApplicationCallsSchemaTests {
    @Test func callsReadAsWritten() throws {
        let platform = try #require(try ScenarioLoader.parse(applicationCallsScenario, file: "c.yaml").platform)
        #expect(platform.tables.map(\.name) == ["tenants"])
        #expect(platform.tables[0].mode == .provisioned(readUnits: 500, writeUnits: 100))
        let calls = try #require(platform.services[0].calls)
        #expect(calls.calls == [
            .table(TableCall(table: 0, operation: .getItem(.eventual))),
            .table(TableCall(table: 0, operation: .updateItem(itemBytes: 1_536), probability: 0.1)),
        ])
        #expect(calls.retryPolicy == .standard2026(dynamoDB: true) && calls.failureStatus == 503)
    }

    @Test(arguments: [
        (
            5, "  web: { instances: 4, service_time: 20ms, calls: [ { table: users, operation: get_item } ] }",
            "c.yaml:5:62: error: service 'web' call 1 names unknown table 'users' (tables: tenants)"
        ),
        (
            5, "  web: { instances: 4, service_time: 20ms, calls: [ { table: tenants, operation: scan } ] }",
            "c.yaml:5:82: error: service 'web' call 1 operation is one of get_item, put_item, update_item, found 'scan'"
        ),
        (
            5, "  web: { instances: 4, service_time: 20ms, calls: [ { table: tenants, operation: put_item } ] }",
            "c.yaml:5:53: error: service 'web' call 1 writes an item: give its 'item_size'"
        ),
        (
            5, "  web: { instances: 4, service_time: 20ms, calls: [ { table: tenants, operation: get_item, item_size: 1KB } ] }",
            "c.yaml:5:103: error: service 'web' call 1: a read costs what the stored item's size does; 'item_size' is for writes"
        ),
        (
            5, "  web: { instances: 4, service_time: 20ms, sdk: standard-2026 }",
            "c.yaml:5:49: error: service 'web' makes no 'calls': its SDK settings have nothing to apply to"
        ),
        (
            5, "  web: { instances: 4, service_time: 20ms }",
            "c.yaml:19:11: error: table 'tenants' is called by no service: give a service 'calls' to it"
        ),
    ])
    func mistakesArePointedAt(line: Int, replacement: String, message: String) {
        var lines = applicationCallsScenario.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[line - 1] = replacement
        #expect(loadError(lines.joined(separator: "\n"), file: "c.yaml")?.description == message)
    }

    /// Every request served made its read; a tenth made a write; each tenant written is one
    /// item; the SDK made every call; and the whole path is as deterministic as the rest.
    @Test func requestsCallTheTableForTheirTenants() throws {
        let scenario = try ScenarioLoader.parse(applicationCallsScenario, file: "c.yaml")
        let result = ScenarioRunner.runReplication(scenario, index: 0)
        let metrics = result.metrics
        func value(_ component: String, _ metric: String, _ unit: String = "count") throws -> Double {
            try #require(metrics.value(component, metric, unit))
        }
        let served = try value("service.web", "requests_served")
        let reads = try value("dynamodb.tenants", "get_item")
        let writes = try value("dynamodb.tenants", "update_item")
        #expect(served > 5_000)
        // No throttling at this rate: every request reads once; the few still in progress at
        // the end have read but not answered.
        #expect(reads >= served && reads - served < 10)
        // Binomial(served, 0.1): 4 standard deviations either side.
        #expect(abs(writes - 0.1 * served) < 4 * (0.09 * served).squareRoot())
        #expect(try value("service.web.calls", "calls") == reads + writes)
        #expect(try value("sdk.web.dynamodb", "attempts") == reads + writes)
        #expect(try value("dynamodb.tenants", "consumed_wcu", "units") == 2 * writes)
        #expect(try value("service.web.calls", "time_p99", "s") < 0.05)
        #expect(ScenarioRunner.runReplication(scenario, index: 0).digest == result.digest)
    }

    /// The shipped throttling scenario, a minute of it with its burst banks empty: writes are
    /// throttled from the start, the SDK retries them, and the requests it gives up on reach
    /// the edge as 503s that Envoy retries.
    @Test func theShippedThrottlingScenarioThrottlesWrites() throws {
        let path = packageRoot.appendingPathComponent("scenarios/faults/app-table-throttling.yaml").path
        let scenario = try ScenarioLoader.load(
            file: path, overrides: ["duration=1m", "warmup=10s", "dynamodb.tenants.partitions.burst_initially_full=false"])
        #expect(scenario.text.hasPrefix("# "), "opens with what it answers and how to run it")
        let metrics = ScenarioRunner.runReplication(scenario, index: 0).metrics
        let throttled = try #require(metrics.value("dynamodb.tenants", "throttled_requests", "count"))
        let retries = try #require(metrics.value("sdk.web.dynamodb", "retries", "count"))
        let failed = try #require(metrics.value("service.web.calls", "failed", "count"))
        let retried = try #require(metrics.value("edge.cluster.web", "upstream_rq_retry", "count"))
        #expect(throttled > 1_000)
        #expect(retries > 0 && retries <= throttled)
        #expect(failed > 0 && retried >= failed / 2, "Envoy retries the 503s (some only after the measured span)")
    }

    static let sharedProvisioning = """
        provisioning:
          signups: { rate: 20 }
          api: { instances: 2, threads: 8 }
          table: tenants
          queue: { name: provisioning, visibility_timeout: 30s, max_receive_count: 3 }
          workers: { instances: 2, threads: 8 }
          steps:
            - { name: database, duration: 200ms }

        """

    /// `provisioning.table: tenants` shares the applications' table: new tenants' records join
    /// it after the tenants already there, so no sign-up finds an application's item.
    @Test func signUpsShareTheApplicationsTable() throws {
        let scenario = try ScenarioLoader.parse(applicationCallsScenario + Self.sharedProvisioning, file: "c.yaml")
        let provisioning = try #require(scenario.provisioning)
        #expect(provisioning.sharesTable && provisioning.table.name == "tenants")
        #expect(provisioning.table.mode == .provisioned(readUnits: 500, writeUnits: 100))
        #expect(provisioning.tenantKeyOffset == UInt64(try #require(scenario.platform?.traffic).tenants))
        let metrics = ScenarioRunner.runReplication(scenario, index: 0).metrics
        func value(_ component: String, _ metric: String) throws -> Double { try #require(metrics.value(component, metric, "count")) }
        let ready = try value("provisioning", "ready")
        #expect(ready > 500)
        #expect(try value("provisioning.api", "conflicts") == 0)
        #expect(try value("dynamodb.tenants", "put_item") >= ready, "each ready tenant's record was created in the shared table")
        #expect(try value("dynamodb.tenants", "get_item") > 5_000, "and the application read it too")
    }

    @Test(arguments: [
        ("  table: users", "c.yaml:23:10: error: 'provisioning.table' names unknown table 'users' (tables: tenants); or describe the workflow's own table"),
        (
            "  table: { name: tenants, mode: on_demand }",
            "c.yaml:23:10: error: 'provisioning.table' is named 'tenants' like a table of 'dynamodb'; share it with 'table: tenants'"
        ),
    ])
    func aSharedTableIsNamedOnce(replacement: String, message: String) {
        let text = applicationCallsScenario + Self.sharedProvisioning.replacingOccurrences(of: "  table: tenants", with: replacement)
        #expect(loadError(text, file: "c.yaml")?.description == message)
    }

    /// Calls to other services: named services, never the caller itself, never in a circle.
    @Test(arguments: [
        (
            "  web: { instances: 4, service_time: 20ms, calls: [ { service: api } ] }\n  auth: { instances: 1, service_time: 2ms }",
            "c.yaml:5:64: error: service 'web' call 1 names unknown service 'api'"
        ),
        (
            "  web: { instances: 4, service_time: 20ms, calls: [ { service: auht } ] }\n  auth: { instances: 1, service_time: 2ms }",
            "c.yaml:5:64: error: service 'web' call 1 names unknown service 'auht'; did you mean 'auth'?"
        ),
        ("  web: { instances: 4, service_time: 20ms, calls: [ { service: web } ] }", "c.yaml:5:64: error: service 'web' call 1: a service does not call itself"),
        (
            "  web: { instances: 4, service_time: 20ms, calls: [ { service: auth } ] }\n  auth: { instances: 1, service_time: 2ms, calls: [ { service: web } ] }",
            "c.yaml:5:3: error: services call each other in a circle: 'web' -> 'auth' -> 'web'"
        ),
    ])
    func serviceCallMistakesArePointedAt(replacement: String, message: String) {
        var lines = applicationCallsScenario.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[4] = replacement
        lines = lines.filter { !$0.hasPrefix("dynamodb:") }
        #expect(loadError(lines.joined(separator: "\n"), file: "c.yaml")?.description == message)
    }

    /// `web` calls `auth` on every request: auth serves as many requests as web, and the
    /// edge's latency includes auth's 30 ms.
    @Test func aServiceCallRunsThroughTheOtherService() throws {
        var lines = applicationCallsScenario.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[4] = "  web: { instances: 4, concurrency: 8, service_time: 20ms, calls: [ { service: auth } ] }\n  auth: { instances: 2, concurrency: 8, service_time: 30ms }"
        lines = lines.filter { !$0.hasPrefix("dynamodb:") }
        let metrics = ScenarioRunner.runReplication(try ScenarioLoader.parse(lines.joined(separator: "\n"), file: "c.yaml"), index: 0).metrics
        let web = try #require(metrics.value("service.web", "requests_served", "count"))
        let auth = try #require(metrics.value("service.auth", "requests_served", "count"))
        #expect(web > 5_000 && abs(web - auth) < 10)
        #expect(try #require(metrics.value("edge", "latency_p50", "ms")) > 50)
    }
}
