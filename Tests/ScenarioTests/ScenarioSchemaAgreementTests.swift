import Foundation
import Scenario
import Testing

/// A shipped scenario changed in one place: by `--set` overrides, or by replacing a piece of
/// its text that occurs exactly once.
struct ScenarioChange: Sendable, CustomTestStringConvertible {
    var file: String
    var overrides: [String] = []
    var replacing: (old: String, new: String)?

    init(_ file: String, set overrides: String...) {
        self.file = file
        self.overrides = overrides
    }

    init(_ file: String, replacing old: String, with new: String) {
        self.file = file
        self.replacing = (old, new)
    }

    var testDescription: String {
        let change = replacing.map { "'\($0.old)' -> '\($0.new)'" } ?? overrides.joined(separator: " ")
        return "\(file): \(change)"
    }

    func text() throws -> String {
        let original = try shippedScenarioText(file)
        guard let (old, new) = replacing else { return original }
        try #require(original.components(separatedBy: old).count == 2, "'\(old)' must occur once in \(file)")
        return original.replacingOccurrences(of: old, with: new)
    }

    func loadError() throws -> Diagnostic? {
        do {
            _ = try ScenarioLoader.parse(try text(), file: file, overrides: overrides)
            return nil
        } catch let diagnostic as Diagnostic {
            return diagnostic
        }
    }

    func schemaErrors(_ validator: JSONSchemaValidator) throws -> [String] {
        validator.errors(try JSON(scenario: try text(), file: file, overrides: overrides))
    }
}

/// The schema and the readers agree: what the loader rejects for a structural reason the
/// schema rejects, and what the loader accepts the schema accepts.
@Suite struct ScenarioSchemaAgreementTests {
    @Test func theWalkFindsTheShippedScenariosOfEveryDirectory() {
        let files = allShippedScenarios()
        #expect(files.contains("validation/mm1.yaml"))
        #expect(files.contains("tradeoffs/sidecar-vs-library.yaml"))
        #expect(Set(files.map { $0.split(separator: "/").first.map(String.init) ?? "" }).isSuperset(of: ["bench", "compare", "tradeoffs", "validation"]))
    }

    @Test(arguments: allShippedScenarios())
    func everyShippedScenarioLoadsAndValidates(file: String) throws {
        let validator = try scenarioSchemaValidator()
        let text = try shippedScenarioText(file)
        _ = try ScenarioLoader.parse(text, file: file)
        let errors = validator.errors(try JSON(scenario: text, file: file))
        #expect(errors.isEmpty, "\(file): \(errors)")
    }

    static let rejected: [ScenarioChange] = [
        // Unknown keys.
        ScenarioChange("validation/mm1.yaml", replacing: "warmup: 10m", with: "warmpu: 10m"),
        ScenarioChange("validation/mm1.yaml", set: "stations.server.sevice=100ms"),
        ScenarioChange("validation/mm1.yaml", set: "random={ generator: mt19937, seed: 3 }"),
        ScenarioChange("compare/slow-hosts.yaml", set: "edge.clusters.web.lb={ round_robin: { choice_count: 3 } }"),
        ScenarioChange("compare/slow-hosts.yaml", set: "edge.virtual_hosts.0.routes.0.route.hash_policy=[ { header: { header_name: a }, cookie: { name: b } } ]"),
        // Missing required keys.
        ScenarioChange("validation/mm1.yaml", replacing: "duration: 20h\n", with: ""),
        ScenarioChange("validation/mm1.yaml", replacing: "    service: { exponential: { mean: 100ms } }\n", with: ""),
        ScenarioChange("validation/mm1.yaml", set: "duration="),
        ScenarioChange("compare/slow-hosts.yaml", set: "services.web.slow={ instances: 3 }"),
        ScenarioChange("compare/slow-hosts.yaml", set: "edge.clusters.web.health_check={ interval: 5s, timeout: 1s, healthy_threshold: 2 }"),
        ScenarioChange("compare/slow-hosts.yaml", set: "faults=[ { at: 1m, stop_instances: { service: web } } ]"),
        ScenarioChange("compare/slow-hosts.yaml", set: "edge.virtual_hosts.0.routes.0.match={ headers: [ { name: x-canary, present: true } ] }"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "sidecar.services=[]"),
        // Wrong types.
        ScenarioChange("validation/mm1.yaml", set: "stations.server.servers=two"),
        ScenarioChange("validation/mm1.yaml", set: "duration=20"),
        ScenarioChange("validation/mm1.yaml", set: "seed=\"7\""),
        ScenarioChange("validation/mm1.yaml", set: "stations.server.service.exponential.mean=-5ms"),
        ScenarioChange("validation/mm1.yaml", set: "stations.server.service={ exponential: { mean: 100ms }, constant: 1s }"),
        ScenarioChange("validation/mm1.yaml", set: "stations.server.service={ lognormal: { median: 80ms, sigma: 1 } }"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "sidecar.rate_limit.global.per_tenant=maybe"),
        ScenarioChange("compare/slow-hosts.yaml", set: "edge.clusters.web.outlier_detection=false"),
        ScenarioChange("compare/slow-hosts.yaml", set: "traffic.requests.0.path=items"),
        ScenarioChange("compare/slow-hosts.yaml", set: "edge.virtual_hosts.0.routes.0.route.weighted_clusters={ web: 1 }"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "sidecar.rate_limit.global.limits.enterprise.unit=minute"),
        // Unknown names of policies, families, modes and tiers.
        ScenarioChange("validation/mm1.yaml", set: "stations.server.service={ exponentail: { mean: 100ms } }"),
        ScenarioChange("validation/mm1.yaml", set: "random={ generator: pcg64 }"),
        ScenarioChange("tradeoffs/lb-policies.yaml", set: "edge.clusters.maglev.lb=least_conn"),
        ScenarioChange("bench/edge-least-request.yaml", set: "edge.virtual_hosts.0.routes.0.route.retry.retry_on=[5xx, timeout]"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "sidecar.placement=mesh"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "sidecar.rate_limit.global.limits.gold={ unit: minute, requests_per_unit: 1 }"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "sidecar.rate_limit.global.limits.free.unit=fortnight"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "sidecar.logging.overflow=wait"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "sidecar.auth.failure_mode=ajar"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "traffic.tiers={ free: 0.5, gold: 0.5 }"),
        // Reserved and malformed names, repeated items, empty lists.
        ScenarioChange("validation/mm1.yaml", set: "stations.exit={ service: 1s }"),
        ScenarioChange("validation/mm1.yaml", set: "sources.arrivals.to=exit"),
        ScenarioChange("validation/mm1.yaml", set: "sources.arrivals.to={ server: 0.5, exit: 0.5 }"),
        ScenarioChange("validation/mm1.yaml", replacing: "  server:", with: "  web.server:"),
        ScenarioChange("tradeoffs/lb-policies.yaml", set: "zones=[a, b, a]"),
        ScenarioChange("bench/edge-least-request.yaml", set: "traffic.requests=[]"),
        // Out of range.
        ScenarioChange("validation/mm1.yaml", set: "replications=0"),
        ScenarioChange("validation/tandem.yaml", set: "stations.second.to={ third: 1.5 }"),
        ScenarioChange("tradeoffs/lb-policies.yaml", set: "edge.clusters.least-request.lb={ least_request: { choice_count: 1 } }"),
        ScenarioChange("bench/edge-least-request.yaml", set: "services.api.error_status=404"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "sidecar.rate_limit.local.tiers.free.fill_interval=0s"),
        // The provisioning workflow: names of modes and presets, ranges, sizes, and what a table's mode allows.
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.mode=batch"),
        ScenarioChange("provisioning-storm.yaml", replacing: "    threads: 32\n", with: ""),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.workers.receive_batch=11"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.workers.instances=16"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.workers.fleet=~"),
        ScenarioChange("provisioning-storm.yaml", set: "fleets.workers.autoscaling.metric=backlog"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.workers.heartbeat={ interval: 1m }"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.queue.type=priority"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.queue.max_receive_count=0"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.queue.max_receive_count=~"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.sdk.dynamodb=standard-2027"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.sdk.sqs=legacy"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.sdk.sqs={ preset: legacy }"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.sdk.sqs={ preset: legacy, max_attempts: 5, retry_quota: 100 }"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.steps.0.failure_probability=1.5"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.steps.3.idempotency_key=sometimes"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.steps=[]"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.table.name=tenants.v2"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.table.mode=provisioned"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.table.item_size=2048"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.table.size=2 kB"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.table.on_demand={ initial_read_units: 0 }"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.table.status_index={ read_units: 10, write_units: 10 }"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.faults=[ { at: 1m, table_capacity: { read_units: 1, write_units: 1 } } ]"),
        ScenarioChange("tradeoffs/sync-vs-async-provisioning.yaml", set: "provisioning.signups={ rate: 0 }"),
        ScenarioChange("tradeoffs/sync-vs-async-provisioning.yaml", set: "provisioning.signups.bursts=[]"),
        ScenarioChange("tradeoffs/sync-vs-async-provisioning.yaml", set: "provisioning.signups.bursts.0.over=0s"),
        ScenarioChange("tradeoffs/sync-vs-async-provisioning.yaml", set: "provisioning.api.timeout=30"),
        ScenarioChange("faults/dynamodb-throttling.yaml", set: "provisioning.table.mode={ provisioned: { read_units: 0, write_units: 0 } }"),
        ScenarioChange("faults/dynamodb-throttling.yaml", set: "provisioning.table.mode={ provisioned: { read_units: 400 } }"),
        ScenarioChange("faults/dynamodb-throttling.yaml", set: "provisioning.table.on_demand={ max_read_units: 100 }"),
        ScenarioChange("faults/dynamodb-throttling.yaml", set: "provisioning.table.status_index={ name: by-status }"),
        ScenarioChange("faults/dynamodb-throttling.yaml", set: "provisioning.table.partitions={ split_threshold: 0 }"),
        ScenarioChange("faults/dynamodb-throttling.yaml", set: "provisioning.faults.0.table_capacity={ read_units: 0, write_units: 0 }"),
        ScenarioChange("faults/dynamodb-throttling.yaml", set: "provisioning.faults.0.table_capacity.for=0s"),
        // Sweeps: lists of values, paths as for --set, metrics as in summary.csv.
        ScenarioChange("sweeps/edge-capacity.yaml", set: "sweep.parameters.seed=[1, 2]"),
        ScenarioChange("sweeps/edge-capacity.yaml", set: "sweep.parameters={ sweep.replications: [1, 2] }"),
        ScenarioChange("sweeps/edge-capacity.yaml", set: "sweep.parameters={ services..instances: [4, 8] }"),
        ScenarioChange("sweeps/edge-capacity.yaml", set: "sweep.parameters={ services.web.instances: 4 }"),
        ScenarioChange("sweeps/edge-capacity.yaml", replacing: "traffic.rate: [1000, 2000, 3000]", with: "traffic.rate: []"),
        ScenarioChange("sweeps/edge-capacity.yaml", set: "sweep.parameters={}"),
        ScenarioChange("sweeps/edge-capacity.yaml", set: "sweep.metrics=[ \"edge,latency_p99\" ]"),
        ScenarioChange("sweeps/edge-capacity.yaml", set: "sweep.metrics=[ \"edge, latency_p99, ms\" ]"),
        ScenarioChange("sweeps/edge-capacity.yaml", set: "sweep.metrics=[ \"edge,error_ratio,ratio\", \"edge,error_ratio,ratio\" ]"),
        ScenarioChange("sweeps/edge-capacity.yaml", set: "sweep.metrics=\"edge,latency_p99,ms\""),
        ScenarioChange("sweeps/edge-capacity.yaml", set: "sweep.replications=0"),
        ScenarioChange("sweeps/edge-capacity.yaml", set: "sweep.grid={ traffic.rate: [1000] }"),
        // Application calls to DynamoDB: known operations, sizes for writes only, SDK settings with calls (names of tables
        // are the loader's to check: ApplicationCallsSchemaTests).
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "dynamodb={ tenants: { mode: on_demand } }", "services.web.calls=[ { table: tenants, operation: scan } ]"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "dynamodb={ tenants: { mode: on_demand } }", "services.web.calls=[ { table: tenants, operation: put_item } ]"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "dynamodb={ tenants: { mode: on_demand } }", "services.web.calls=[ { table: tenants, operation: get_item, item_size: 1KB } ]"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "dynamodb={ tenants: { mode: on_demand } }", "services.web.calls=[ { table: tenants, operation: put_item, item_size: 1KB, consistency: strong } ]"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "dynamodb={ tenants: { mode: on_demand } }", "services.web.calls=[ { table: tenants, operation: get_item, probability: 2 } ]"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "dynamodb={ tenants: { mode: on_demand } }", "services.web.calls=[]"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "dynamodb={ tenants: { mode: on_demand } }", "services.web.calls=[ { table: tenants, operation: get_item } ]", "services.web.call_failure_status=429"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "services.web.sdk=standard-2026"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "dynamodb={}"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "dynamodb={ tenants: { mode: on_demand, item_size: 2KB } }", "services.web.calls=[ { table: tenants, operation: get_item } ]"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "dynamodb={ tenants: { mode: on_demand, name: t } }", "services.web.calls=[ { table: tenants, operation: get_item } ]"),
        // Fleets: names of metrics, states and strategies, ranges, what a fleet's service and a fault may say.
        ScenarioChange("zone-outage.yaml", set: "fleets.web.autoscaling.metric=cpu"),
        ScenarioChange("zone-outage.yaml", set: "fleets.web.autoscaling.target=50"),
        ScenarioChange("zone-outage.yaml", set: "fleets.web.warm_pool={ state: hibernated }"),
        ScenarioChange("zone-outage.yaml", set: "fleets.web.health_check.type=tcp"),
        ScenarioChange("zone-outage.yaml", set: "fleets.web.desired_capacity=-1"),
        ScenarioChange("zone-outage.yaml", set: "services.web.instances=4"),
        ScenarioChange("zone-outage.yaml", set: "faults.0.zone_outage.duration=0s"),
        ScenarioChange("zone-outage.yaml", set: "faults=[ { at: 1m, zone_outage: { zone: b }, stop_instances: { service: web, instances: [0] } } ]"),
        ScenarioChange("zone-outage.yaml", set: "faults=[ { at: 1m, bad_image: { image: web-v1 } } ]"),
        ScenarioChange("zone-outage.yaml", set: "faults=[ { at: 1m, bad_image: { image: web-v1, speed: 1 } } ]"),
        ScenarioChange("zone-outage.yaml", set: "salt={ worker_threads: 0 }"),
        ScenarioChange("zone-outage.yaml", replacing: "images:\n  web-v1: {}\n", with: ""),
        ScenarioChange("tradeoffs/immutable-vs-in-place.yaml", set: "deployments.0.strategy=canary"),
        ScenarioChange("tradeoffs/immutable-vs-in-place.yaml", set: "deployments.0.keep_original=5m"),
        ScenarioChange("tradeoffs/immutable-vs-in-place.yaml", set: "deployments.0.strategy=blue_green"),
        ScenarioChange("tradeoffs/immutable-vs-in-place.yaml", set: "deployments.0.max_healthy_percentage=250"),
        ScenarioChange("tradeoffs/immutable-vs-in-place.yaml", set: "deployments.0.protected_instances=keep"),
        ScenarioChange("tradeoffs/immutable-vs-in-place.yaml", set: "packer.failure_probability=2"),
        ScenarioChange("tradeoffs/immutable-vs-in-place.yaml", set: "images.web-v2.bake_at=5"),
        ScenarioChange("tradeoffs/immutable-vs-in-place.yaml", set: "fleets.web.instance_type.vcpus=0"),
        ScenarioChange("tradeoffs/immutable-vs-in-place.yaml", set: "fleets.web.drift.mean_time_to_drift=sometimes"),
        // Tenants and their workload: names of tiers and weekdays, ranges, what needs what.
        ScenarioChange("tenants-diurnal.yaml", set: "tenants.count=0"),
        ScenarioChange("tenants-diurnal.yaml", set: "tenants.tiers={ free: 0.5, gold: 0.5 }"),
        ScenarioChange("tenants-diurnal.yaml", set: "tenants.regions={ mars-1: { share: 1, utc_offset: 15 } }"),
        ScenarioChange("tenants-diurnal.yaml", set: "tenants.regions={ mars-1: { share: 1 } }"),
        ScenarioChange("tenants-diurnal.yaml", set: "tenants.active_users=many"),
        ScenarioChange("tenants-diurnal.yaml", replacing: "tenants:\n  count: 35000", with: "population:\n  count: 35000"),
        ScenarioChange("tenants-diurnal.yaml", set: "traffic={ rate: 10, requests: [ { authority: a, path: /x } ] }"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.requests_per_active_user_per_minute=0"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.diurnal={ trough: 0.5 }"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.diurnal={ peak_hour_utc: 3, peak_hour_local: 3, trough: 0.5 }"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.diurnal.peak_hour_local=24"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.diurnal.trough=1.5"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.weekly={ mon: 1, tue: 1 }"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.clock.weekday=monday"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.clock.speed=0"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.routes=[]"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.routes.0.path=issues"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.bursts.0.multiplier=0.5"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.bursts.0.largest=0"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.bursts.0.to=10"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.slo={ gold: 1s }"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.noisy_neighbours.count=0"),
        // Routes served differently: known keys, something to change, a probability.
        ScenarioChange("tenants-diurnal.yaml", set: "services.jira-web.routes={}"),
        ScenarioChange("tenants-diurnal.yaml", set: "services.jira-web.routes={ search: {} }"),
        ScenarioChange("tenants-diurnal.yaml", set: "services.jira-web.routes={ search: { error_probability: 1.5 } }"),
        ScenarioChange("tenants-diurnal.yaml", set: "services.jira-web.routes={ search: { service_time: -1s } }"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "services.web.calls=[ { service: auth, probability: 2 } ]"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "services.web.calls=[ { service: auth, operation: get_item } ]"),
        // Calls through the edge: a probability, their own keys; weights of routes at least 0 (names and circles are the
        // loader's to check: EdgeCallSchemaTests).
        ScenarioChange("tenants-diurnal.yaml", set: "services.jira-web.calls=[ { edge_route: pages, probability: 2 } ]"),
        ScenarioChange("tenants-diurnal.yaml", set: "services.jira-web.calls=[ { edge_route: pages, operation: get_item } ]"),
        ScenarioChange("tenants-diurnal.yaml", set: "workload.routes.1.weight=-1"),
        ScenarioChange("compare/slow-hosts.yaml", set: "traffic.requests.0.weight=-0.5"),
    ]

    @Test(arguments: rejected)
    func whatTheLoaderRejectsTheSchemaRejects(change: ScenarioChange) throws {
        let validator = try scenarioSchemaValidator()
        let diagnostic = try change.loadError()
        #expect(diagnostic?.severity == .error, "the loader accepts \(change.testDescription)")
        #expect(!(try change.schemaErrors(validator)).isEmpty, "the schema accepts \(change.testDescription); the loader says \(String(describing: diagnostic))")
    }

    static let accepted: [ScenarioChange] = [
        // Null is a key left out.
        ScenarioChange("validation/mm1.yaml", set: "warmup=", "stations.server.capacity=~"),
        // Every distribution family, and a bare constant.
        ScenarioChange("validation/mm1.yaml", set: "stations.server.service=100ms"),
        ScenarioChange("validation/mm1.yaml", set: "stations.server.service={ uniform: { min: 10ms, max: 20ms } }"),
        ScenarioChange("validation/mm1.yaml", set: "stations.server.service={ lognormal: { mu: -3, sigma: 0.8 } }"),
        ScenarioChange("validation/mm1.yaml", set: "stations.server.service={ truncated_normal: { mean: -20ms, stddev: 50ms } }"),
        ScenarioChange("validation/mm1.yaml", set: "stations.server.service={ gamma: { shape: 2, scale: 50ms } }"),
        ScenarioChange("validation/mm1.yaml", set: "stations.server.service={ weibull: { shape: 1.5, scale: 100ms } }"),
        ScenarioChange("validation/mm1.yaml", set: "stations.server.service={ pareto: { shape: 2.5, scale: 10ms } }"),
        ScenarioChange("validation/mm1.yaml", set: "stations.server.service={ empirical: { quantiles: { 0: 1ms, 0.5: 45ms, .99: 90ms, 1: 110ms } } }"),
        ScenarioChange(
            "validation/mm1.yaml",
            set: "stations.server.service={ mixture: [ { weight: 0.9, exponential: { mean: 50ms } }, { weight: 0.1, mixture: [ { weight: 1, constant: 500ms } ] } ] }"),
        // Scalars as the readers spell them.
        ScenarioChange("validation/mm1.yaml", set: "seed=1_000", "duration=1h30m", "name=2026", "description=42"),
        ScenarioChange("validation/mm1.yaml", set: "random={ generator: taus2 }", "stations.server.to={ exit: 1 }"),
        ScenarioChange("validation/tandem.yaml", set: "stations.third.to=exit"),
        // Load-balancing policies with their settings.
        ScenarioChange("tradeoffs/lb-policies.yaml", set: "edge.clusters.least-request.lb={ least_request: { choice_count: 3, selection_method: full_scan, active_request_bias: 1.5 } }"),
        ScenarioChange("tradeoffs/lb-policies.yaml", set: "edge.clusters.ring-hash.lb={ ring_hash: { minimum_ring_size: 4096, hash_function: murmur_hash_2 } }"),
        ScenarioChange("tradeoffs/lb-policies.yaml", set: "edge.clusters.maglev.lb={ maglev: { table_size: 5003 } }", "edge.clusters.round-robin.lb={ round_robin: {} }"),
        // Clusters, routes and retries in their short and long forms.
        ScenarioChange("compare/slow-hosts.yaml", set: "edge.clusters.web.outlier_detection=yes", "edge.clusters.web.per_host_stats=on"),
        ScenarioChange(
            "compare/slow-hosts.yaml",
            set: "edge.clusters.web.outlier_detection={ consecutive_5xx: 3, interval: 5s, max_ejection_percent: 50 }",
            "edge.clusters.web.circuit_breakers={ max_connections: 100, max_pending_requests: 0, max_requests: 100, max_retries: 0 }",
            "edge.clusters.web.health_check={ interval: 5s, timeout: 1s, healthy_threshold: 2, unhealthy_threshold: 3 }",
            "edge.clusters.web.panic_threshold=0"),
        ScenarioChange("compare/slow-hosts.yaml", set: "edge.virtual_hosts.0.routes.0.route={ weighted_clusters: { web: 100 }, timeout: 0s }"),
        ScenarioChange("compare/slow-hosts.yaml", set: "edge.virtual_hosts.0.routes.0.match={ path: /items, case_sensitive: false, headers: { name: x-canary, present: false } }"),
        ScenarioChange(
            "compare/slow-hosts.yaml",
            set: "edge.virtual_hosts.0.routes.0.route.retry={ retry_on: \"5xx, reset\", num_retries: 2, retry_back_off: { base_interval: 25ms },"
                + " retry_host_predicate: previous_hosts, retriable_status_codes: 503 }"),
        ScenarioChange("compare/slow-hosts.yaml", set: "edge.virtual_hosts.0.routes.0.route.hash_policy={ cookie: { name: session, ttl: 1h }, terminal: true }"),
        ScenarioChange("compare/slow-hosts.yaml", set: "edge.virtual_hosts.0.domains=web.example.com", "edge.virtual_hosts.0.name=~"),
        // Services, traffic and faults.
        ScenarioChange("compare/slow-hosts.yaml", set: "traffic.zones={ a: 0.5, b: 0.25, c: 0.25 }", "traffic.tiers={ free: 0.5, premium: 0.5 }"),
        ScenarioChange("compare/slow-hosts.yaml", set: "traffic.requests.0.headers={ x-version: 2, x-canary: true }", "traffic.requests.0.method=POST"),
        ScenarioChange("compare/slow-hosts.yaml", set: "faults=[ { at: 1m, stop_instances: { service: web, instances: [0, 1], for: 30s } } ]"),
        ScenarioChange("compare/slow-hosts.yaml", set: "services.web.slow={ instances: 3, speed: 0.25, weight: 1 }", "services.web.zones=[a, b]", "services.web.queue_capacity=~"),
        ScenarioChange("compare/slow-hosts.yaml", set: "network.client={ exponential: { mean: 5ms } }", "edge.cross_zone_load_balancing=true"),
        // The sidecar's placements and limits.
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "sidecar.placement=edge_only", "sidecar.services="),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "sidecar.services=web", "sidecar.rate_limit.global.limits.free.unit=MINUTE"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "sidecar.rate_limit.local={ token_bucket: { max_tokens: 1000, fill_interval: 1s }, enabled: 50, enforced: 0 }"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "sidecar.auth.failure_mode=open", "sidecar.rate_limit.global.domain=limits", "sidecar.auth.cache.ttl=~"),
        // The provisioning workflow: presets and their settings, both table modes, queues with and without redrive.
        ScenarioChange(
            "provisioning-storm.yaml", set: "provisioning.mode=synchronous", "provisioning.sdk.dynamodb=standard-2026", "provisioning.sdk.sqs=adaptive-2025"),
        ScenarioChange(
            "provisioning-storm.yaml",
            set: "provisioning.sdk.dynamodb={ preset: legacy, max_attempts: 9, base_delay: 50ms, max_backoff: 20s, retry_quota: ~ }",
            "provisioning.sdk.sqs={ preset: adaptive-2026, retry_quota: 100, throttling_base_delay: 1s }"),
        ScenarioChange(
            "provisioning-storm.yaml",
            set: "provisioning.workers.receive_batch=10", "provisioning.workers.heartbeat=~", "provisioning.workers.consistent_reads=no",
            "provisioning.workers.error_backoff=500ms", "provisioning.api.queue_capacity=~"),
        ScenarioChange(
            "provisioning-storm.yaml",
            set: "provisioning.table.status_index={ name: by-status }", "provisioning.table.size=20GB", "provisioning.table.item_size=1.5 KB",
            "provisioning.table.partitions={ burst_initially_full: false, split_threshold: 0.5, split_after: 0s }",
            "provisioning.table.on_demand={ initial_read_units: 1000, max_write_units: 40000 }",
            "provisioning.table.latency={ read: 3ms, throttled: { exponential: { mean: 2ms } } }"),
        ScenarioChange("provisioning-storm.yaml", set: "provisioning.queue.max_receive_count=~", "provisioning.queue.dead_letter_queue=~"),
        // The workers' fleet on worker-thread utilization, and the static pool again.
        ScenarioChange("provisioning-storm.yaml", set: "fleets.workers.autoscaling={ metric: cpu_utilization, target: 0.7 }"),
        ScenarioChange(
            "provisioning-storm.yaml", set: "provisioning.workers={ instances: 16, threads: 16 }", "fleets=~", "images=~", "zones=~"),
        ScenarioChange(
            "provisioning-storm.yaml",
            set: "provisioning.queue={ name: signups, type: fifo, visibility_timeout: 0s, retention: 14d, delay: 15m, throughput_limit: 3000,"
                + " duplicate_probability: 0, storage_hosts: 8, sampled_hosts: 2, latency: 8ms }"),
        ScenarioChange(
            "tradeoffs/sync-vs-async-provisioning.yaml", set: "provisioning.signups={ bursts: [ { at: 0s, count: 1, over: 1ns } ] }",
            "provisioning.faults=[]", "provisioning.steps.0={ name: 2026, duration: 1s }"),
        ScenarioChange(
            "tradeoffs/sync-vs-async-provisioning.yaml", set: "provisioning.signups={ rate: 0.001, bursts: ~ }",
            "provisioning.api={ instances: 1, threads: 1, queue_capacity: 0, handling: { exponential: { mean: 5ms } } }"),
        ScenarioChange(
            "faults/dynamodb-throttling.yaml", set: "provisioning.table.status_index={ read_units: 100, write_units: 0 }", "provisioning.table.on_demand=~",
            "provisioning.faults.0.table_capacity={ read_units: 0, write_units: 40 }", "provisioning.faults.0.table_capacity.for=~"),
        ScenarioChange("faults/dynamodb-throttling.yaml", set: "provisioning.faults=~", "provisioning.table.mode={ provisioned: { read_units: 0.5, write_units: 0 } }"),
        // Provisioning beside the architecture, with every key of its queue left to its default.
        ScenarioChange(
            "sweeps/edge-capacity.yaml",
            set: "provisioning={ signups: { rate: 1 }, api: { instances: 1, threads: 1 }, table: { mode: on_demand }, queue: {},"
                + " workers: { instances: 1 }, steps: [ { name: create, duration: 1s } ] }"),
        // Sweeps: any YAML values, including whole distributions and nulls; every part optional.
        ScenarioChange(
            "sweeps/edge-capacity.yaml",
            set: "sweep.parameters={ services.web.service_time: [ 20ms, { exponential: { mean: 27ms } } ], network.client: [~, 5ms], zones: [[a], [a, b]] }",
            "sweep.metrics=[]", "sweep.replications=~"),
        ScenarioChange(
            "sweeps/edge-capacity.yaml", set: "sweep.metrics=[ \"sqs.provisioning,messages_dead_lettered,count\", \"edge,latency_p99,ms\" ]",
            "sweep.replications=10000"),
        ScenarioChange("sweeps/edge-capacity.yaml", set: "sweep={}"),
        ScenarioChange("sweeps/edge-capacity.yaml", set: "sweep=~"),
        ScenarioChange("sweeps/edge-capacity.yaml", replacing: "    traffic.rate: [1000, 2000, 3000]", with: "    traffic.requests.0.path: [/api/items, \"/api/v2\"]"),
        // Application calls to DynamoDB.
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "dynamodb={ tenants: { mode: on_demand } }", "services.web.calls=[ { table: tenants, operation: get_item } ]"),
        ScenarioChange(
            "tradeoffs/sidecar-vs-library.yaml",
            set: "dynamodb={ tenants: { mode: { provisioned: { read_units: 400, write_units: 100 } }, size: 20GB } }",
            "services.web.calls=[ { table: tenants, operation: get_item, consistency: strong }, { table: tenants, operation: update_item, item_size: 1.5KB, probability: 0.1 } ]",
            "services.web.sdk={ preset: standard-2025, max_attempts: 5 }", "services.web.call_failure_status=500"),
        ScenarioChange(
            "tradeoffs/sidecar-vs-library.yaml", set: "dynamodb={ tenants: { mode: on_demand } }", "services.web.calls=[ { table: tenants, operation: get_item } ]",
            "provisioning={ signups: { rate: 1 }, api: { instances: 1, threads: 1 }, table: tenants, queue: {}, workers: { instances: 1 },"
                + " steps: [ { name: create, duration: 1s } ] }"),
        // Fleets: every strategy with its settings, warm pools, both metrics, both faults, an image given as nothing.
        ScenarioChange("tradeoffs/immutable-vs-in-place.yaml", set: "deployments.0.strategy=in_place", "deployments.1.strategy=in_place"),
        ScenarioChange(
            "tradeoffs/immutable-vs-in-place.yaml",
            set: "deployments.0={ at: 10m, fleet: web, image: web-v2, strategy: blue_green, keep_original: 5m, auto_rollback: true,"
                + " alarm: { error_ratio: 0.05, period: 1m, min_requests: 50 } }"),
        ScenarioChange(
            "tradeoffs/immutable-vs-in-place.yaml",
            set: "deployments.1={ at: 1h10m, fleet: web, image: web-v3, strategy: in_place, batch_size: 2, drain: 10s,"
                + " patch: { lognormal: { median: 30s, p99: 2m } }, failure_probability: 0.1, drift_probability: 0.2, max_failed_instances: 2 }"),
        ScenarioChange(
            "tradeoffs/immutable-vs-in-place.yaml",
            set: "deployments.0={ at: 10m, fleet: web, image: web-v2, strategy: immutable_refresh, min_healthy_percentage: 50,"
                + " max_healthy_percentage: 150, checkpoints: [50, 100], checkpoint_delay: 5m, instance_warmup: 1m, bake_time: 2m,"
                + " skip_matching: true, protected_instances: refresh }"),
        ScenarioChange(
            "tradeoffs/immutable-vs-in-place.yaml", set: "fleets.web.drift={ mean_time_to_drift: never, speed: 0.5 }",
            "packer={ builders: 1, provision: 6m, snapshot: { lognormal: { median: 4m, p99: 20m } }, retries: 0 }",
            "salt={ worker_threads: 20, request_cpu: { uniform: { min: 50ms, max: 200ms } }, requests_per_highstate: 10, highstate: 45s, timeout: 30m }"),
        ScenarioChange(
            "zone-outage.yaml",
            set: "faults=[ { at: 10m, zone_outage: { zone: a } }, { at: 0s, bad_image: { image: web-v1, error_probability: 0.05, speed: 0.7 } } ]"),
        ScenarioChange(
            "zone-outage.yaml",
            set: "fleets.web.warm_pool={ state: running, min_size: 2, max_prepared_capacity: 20, reuse_on_scale_in: true }",
            "fleets.web.protected_instances=3", "fleets.web.mtbf=30d", "fleets.web.zones=[a, c]"),
        ScenarioChange(
            "zone-outage.yaml",
            set: "fleets.web.autoscaling={ metric: requests_per_instance, target: 2000, metric_period: 1m, scale_out_datapoints: 2,"
                + " scale_in_datapoints: 10, scale_in_ratio: 0.8, scale_out_cooldown: 1m, disable_scale_in: yes }",
            "fleets.web.launch={ pending: 20s, boot: { lognormal: { median: 5s, p99: 15s } }, app_bootstrap: 1m, configure_at_boot: false }",
            "fleets.web.health_check={ type: ec2 }", "fleets.web.min_size=~"),
        ScenarioChange("zone-outage.yaml", replacing: "  web-v1: {}", with: "  web-v1:"),
        // Tenants and their workload: regions known and given, every optional part left out or spelled out.
        ScenarioChange(
            "tenants-diurnal.yaml", set: "tenants.regions={ ap-south-1: 0.5, mars-1: { share: 0.5, utc_offset: -3.5 } }", "tenants.tiers=~",
            "tenants.active_users={ pareto: { shape: 1.2, scale: 2 } }"),
        ScenarioChange(
            "tenants-diurnal.yaml", set: "tenants.products=~", "workload.routes=[ { authority: a.example.com, path: /x } ]", "workload.bursts=~",
            "workload.diurnal=~", "workload.clock=~", "workload.slo=~", "workload.noisy_neighbours=~", "sidecar=~"),
        ScenarioChange(
            "tenants-diurnal.yaml", set: "workload.diurnal={ peak_hour_utc: 23.5, trough: 0 }",
            "workload.weekly={ mon: 1, tue: 1, wed: 1, thu: 1, fri: 0.8, sat: 0, sun: 0.2 }", "workload.clock={ weekday: sun, speed: 0.5 }",
            "workload.zones={ a: 0.5, b: 0.5 }", "workload.noisy_neighbours={ count: 5 }", "workload.slo={ free: 3s }"),
        ScenarioChange(
            "tenants-diurnal.yaml", set: "workload.bursts=[ { largest: 100, multiplier: 1, from: 0s, to: 1h }, { largest: 1, tier: free, multiplier: 50, from: 1m, to: 2m } ]"),
        ScenarioChange(
            "tenants-diurnal.yaml",
            set: "services.jira-web.routes={ search: { service_time: { lognormal: { median: 150ms, p99: 2s } }, error_probability: 0.01 }, issues: { error_probability: 0 } }"),
        ScenarioChange("tradeoffs/sidecar-vs-library.yaml", set: "services.web.calls=[ { service: auth, probability: 0.5 } ]"),
        // Calls through the edge, to routes clients send and to routes only applications do (weight 0).
        ScenarioChange("tenants-diurnal.yaml", set: "services.jira-web.calls=[ { edge_route: pages, probability: 0.2 } ]"),
        ScenarioChange("tenants-diurnal.yaml", set: "services.jira-web.calls=[ { edge_route: pages } ]", "workload.routes.1.weight=0"),
        ScenarioChange(
            "compare/slow-hosts.yaml",
            set: "traffic.requests=[ { authority: web.example.com, path: /items }, { name: internal, authority: web.example.com, path: /items, weight: 0 } ]"),
    ]

    @Test(arguments: accepted)
    func whatTheLoaderAcceptsTheSchemaAccepts(change: ScenarioChange) throws {
        let validator = try scenarioSchemaValidator()
        let diagnostic = try change.loadError()
        #expect(diagnostic == nil, "the loader rejects \(change.testDescription): \(String(describing: diagnostic))")
        let errors = try change.schemaErrors(validator)
        #expect(errors.isEmpty, "the schema rejects \(change.testDescription): \(errors)")
    }

    /// Where a reader lists the keys it knows (in its unknown-key message), the schema lists
    /// the same: a key added to a reader and not to the schema fails here.
    @Test(arguments: [
        ("validation/mm1.yaml", "zzzzzzzz=1", "#"),
        ("validation/mm1.yaml", "stations.server.zzzzzzzz=1", "#/$defs/station"),
        ("validation/mm1.yaml", "sources.arrivals.zzzzzzzz=1", "#/$defs/source"),
        ("validation/mm1.yaml", "random={ zzzzzzzz: 1 }", "#/properties/random"),
        ("compare/slow-hosts.yaml", "network.zzzzzzzz=1", "#/$defs/network"),
        ("compare/slow-hosts.yaml", "services.web.zzzzzzzz=1", "#/$defs/service"),
        ("compare/slow-hosts.yaml", "edge.zzzzzzzz=1", "#/$defs/edge"),
        ("compare/slow-hosts.yaml", "edge.proxies.zzzzzzzz=1", "#/$defs/proxies"),
        ("compare/slow-hosts.yaml", "edge.clusters.web.zzzzzzzz=1", "#/$defs/cluster"),
        ("compare/slow-hosts.yaml", "edge.virtual_hosts.0.zzzzzzzz=1", "#/$defs/virtualHost"),
        ("compare/slow-hosts.yaml", "edge.virtual_hosts.0.routes.0.zzzzzzzz=1", "#/$defs/route"),
        ("compare/slow-hosts.yaml", "edge.virtual_hosts.0.routes.0.route.zzzzzzzz=1", "#/$defs/routeAction"),
        ("compare/slow-hosts.yaml", "edge.virtual_hosts.0.routes.0.match.zzzzzzzz=1", "#/$defs/routeMatch"),
        ("compare/slow-hosts.yaml", "traffic.zzzzzzzz=1", "#/$defs/traffic"),
        ("compare/slow-hosts.yaml", "traffic.requests.0.zzzzzzzz=1", "#/$defs/requestKind"),
        ("bench/edge-least-request.yaml", "edge.virtual_hosts.0.routes.0.route.retry.zzzzzzzz=1", "#/$defs/retryPolicy"),
        ("tradeoffs/sidecar-vs-library.yaml", "sidecar.zzzzzzzz=1", "#/$defs/sidecar"),
        ("tradeoffs/sidecar-vs-library.yaml", "sidecar.auth.zzzzzzzz=1", "#/$defs/auth"),
        ("tradeoffs/sidecar-vs-library.yaml", "sidecar.rate_limit.global.zzzzzzzz=1", "#/$defs/globalRateLimit"),
        ("tradeoffs/sidecar-vs-library.yaml", "sidecar.rate_limit.local.zzzzzzzz=1", "#/$defs/localRateLimit"),
        ("tradeoffs/sidecar-vs-library.yaml", "sidecar.rate_limit.local.tiers.free.zzzzzzzz=1", "#/$defs/tokenBucket"),
        ("tradeoffs/sidecar-vs-library.yaml", "sidecar.logging.zzzzzzzz=1", "#/$defs/accessLog"),
        ("provisioning-storm.yaml", "provisioning.zzzzzzzz=1", "#/$defs/provisioning"),
        ("provisioning-storm.yaml", "provisioning.signups.zzzzzzzz=1", "#/$defs/signups"),
        ("provisioning-storm.yaml", "provisioning.signups.bursts.0.zzzzzzzz=1", "#/$defs/signupBurst"),
        ("provisioning-storm.yaml", "provisioning.api.zzzzzzzz=1", "#/$defs/provisioningAPI"),
        ("provisioning-storm.yaml", "provisioning.table.zzzzzzzz=1", "#/$defs/dynamoDBTable"),
        ("provisioning-storm.yaml", "provisioning.table.partitions={ zzzzzzzz: 1 }", "#/$defs/tablePartitions"),
        ("provisioning-storm.yaml", "provisioning.table.on_demand={ zzzzzzzz: 1 }", "#/$defs/tableOnDemand"),
        ("provisioning-storm.yaml", "provisioning.table.latency={ zzzzzzzz: 1 }", "#/$defs/tableLatency"),
        ("provisioning-storm.yaml", "provisioning.queue.zzzzzzzz=1", "#/$defs/sqsQueue"),
        ("provisioning-storm.yaml", "provisioning.sdk.zzzzzzzz=1", "#/$defs/provisioning/properties/sdk"),
        ("provisioning-storm.yaml", "provisioning.sdk.sqs={ preset: standard-2025, zzzzzzzz: 1 }", "#/$defs/sdkRetrySettings"),
        ("provisioning-storm.yaml", "provisioning.workers.zzzzzzzz=1", "#/$defs/provisioningWorkers"),
        ("provisioning-storm.yaml", "provisioning.workers.heartbeat.zzzzzzzz=1", "#/$defs/provisioningWorkers/properties/heartbeat"),
        ("provisioning-storm.yaml", "provisioning.steps.0.zzzzzzzz=1", "#/$defs/provisioningStep"),
        ("faults/dynamodb-throttling.yaml", "provisioning.table.mode.zzzzzzzz=1", "#/$defs/tableMode/oneOf/1"),
        ("faults/dynamodb-throttling.yaml", "provisioning.table.mode.provisioned.zzzzzzzz=1", "#/$defs/tableMode/oneOf/1/properties/provisioned"),
        (
            "faults/dynamodb-throttling.yaml", "provisioning.table.status_index={ read_units: 1, write_units: 1, zzzzzzzz: 1 }",
            "#/$defs/dynamoDBTable/properties/status_index"
        ),
        ("faults/dynamodb-throttling.yaml", "provisioning.faults.0.zzzzzzzz=1", "#/$defs/provisioningFault"),
        ("faults/dynamodb-throttling.yaml", "provisioning.faults.0.table_capacity.zzzzzzzz=1", "#/$defs/provisioningFault/properties/table_capacity"),
        ("sweeps/edge-capacity.yaml", "sweep.zzzzzzzz=1", "#/$defs/sweep"),
        ("tradeoffs/sidecar-vs-library.yaml", "dynamodb={ tenants: { mode: on_demand, zzzzzzzz: 1 } }", "#/$defs/namedDynamoDBTable"),
        ("zone-outage.yaml", "services.web.zzzzzzzz=1", "#/$defs/service"),
        ("zone-outage.yaml", "fleets.web.zzzzzzzz=1", "#/$defs/fleet"),
        ("zone-outage.yaml", "fleets.web.instance_type.zzzzzzzz=1", "#/$defs/instanceType"),
        ("zone-outage.yaml", "fleets.web.launch={ zzzzzzzz: 1 }", "#/$defs/fleetLaunch"),
        ("zone-outage.yaml", "fleets.web.health_check.zzzzzzzz=1", "#/$defs/fleetHealthCheck"),
        ("zone-outage.yaml", "fleets.web.drift={ zzzzzzzz: 1 }", "#/$defs/fleetDrift"),
        ("zone-outage.yaml", "fleets.web.autoscaling.zzzzzzzz=1", "#/$defs/targetTracking"),
        ("zone-outage.yaml", "fleets.web.warm_pool={ zzzzzzzz: 1 }", "#/$defs/warmPool"),
        ("zone-outage.yaml", "images.web-v1.zzzzzzzz=1", "#/$defs/image"),
        ("zone-outage.yaml", "packer={ zzzzzzzz: 1 }", "#/$defs/packer"),
        ("zone-outage.yaml", "salt={ zzzzzzzz: 1 }", "#/$defs/salt"),
        ("zone-outage.yaml", "faults.0.zone_outage.zzzzzzzz=1", "#/$defs/zoneOutage"),
        ("zone-outage.yaml", "faults=[ { at: 1m, bad_image: { image: web-v1, speed: 0.5, zzzzzzzz: 1 } } ]", "#/$defs/badImage"),
        ("tradeoffs/immutable-vs-in-place.yaml", "deployments.0.alarm={ error_ratio: 0.1, zzzzzzzz: 1 }", "#/$defs/deploymentAlarm"),
        ("tenants-diurnal.yaml", "tenants.zzzzzzzz=1", "#/$defs/tenants"),
        ("tenants-diurnal.yaml", "tenants.regions={ mars-1: { share: 1, utc_offset: 0, zzzzzzzz: 1 } }", "#/$defs/tenantRegion"),
        ("tenants-diurnal.yaml", "workload.zzzzzzzz=1", "#/$defs/workload"),
        ("tenants-diurnal.yaml", "workload.diurnal.zzzzzzzz=1", "#/$defs/diurnal"),
        ("tenants-diurnal.yaml", "workload.clock.zzzzzzzz=1", "#/$defs/workload/properties/clock"),
        ("tenants-diurnal.yaml", "workload.routes.0.zzzzzzzz=1", "#/$defs/workloadRoute"),
        ("tenants-diurnal.yaml", "workload.bursts.0.zzzzzzzz=1", "#/$defs/workloadBurst"),
        ("tenants-diurnal.yaml", "workload.noisy_neighbours.zzzzzzzz=1", "#/$defs/workload/properties/noisy_neighbours"),
        ("tenants-diurnal.yaml", "services.jira-web.routes={ search: { zzzzzzzz: 1 } }", "#/$defs/routeBehaviour"),
        ("tradeoffs/sidecar-vs-library.yaml", "services.web.calls=[ { service: auth, zzzzzzzz: 1 } ]", "#/$defs/serviceCall"),
        ("tenants-diurnal.yaml", "services.jira-web.calls=[ { edge_route: pages, zzzzzzzz: 1 } ]", "#/$defs/edgeCall"),
    ])
    func theSchemaKnowsTheKeysTheReaderKnows(file: String, unknownKey: String, pointer: String) throws {
        let validator = try scenarioSchemaValidator()
        let diagnostic = try #require(try ScenarioChange(file, set: unknownKey).loadError())
        let message = diagnostic.message
        let expected = try #require(message.range(of: " (expected "), "no list of known keys in: \(message)")
        let readerKeys = message[expected.upperBound...].dropLast().components(separatedBy: ", ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
        let schema = try #require(validator.resolve(pointer))
        guard case .object(let properties)? = schema["properties"] else {
            Issue.record("\(pointer) has no properties")
            return
        }
        #expect(readerKeys.sorted() == properties.keys.sorted(), "\(file) \(unknownKey)")
    }
}
