import AWSModels
import Fleet
import Provisioning
import SimKernel

/// Reads `provisioning:`, the tenant sign-up workflow.
///
/// ```yaml
/// provisioning:
///   mode: async                              # async | synchronous
///   signups: { rate: 0.5, bursts: [ { at: 1m, count: 20000, over: 10m } ] }
///   api: { instances: 4, threads: 32, queue_capacity: 200, handling: 5ms, timeout: 30s }
///   table: { name: tenants, mode: on_demand, item_size: 2KB }
///   queue: { name: provisioning, visibility_timeout: 5m, max_receive_count: 5 }
///   sdk: { dynamodb: standard-2026, sqs: standard-2025 }
///   workers: { instances: 4, threads: 8, wait_time: 20s, heartbeat: { interval: 1m, timeout: 5m } }
///   # or, the processes being the instances of a fleet (one per instance, polling while in service):
///   # workers: { fleet: workers, threads: 8 }
///   steps:
///     - { name: create-database, duration: { lognormal: { median: 40s, p99: 4m } }, failure_probability: 0.02 }
///   faults:
///     - { at: 5m, table_capacity: { read_units: 50, write_units: 20, for: 5m } }
/// ```
enum ProvisioningSchema {
    /// `provisioning.workers.fleet`, read before the fleets are (which need to know it); nil
    /// when absent or malformed, which `read` reports.
    static func workersFleet(_ node: YAMLNode?) -> YAMLNode? {
        guard let node, case .mapping(let entries) = node.content,
            let workers = entries.first(where: { $0.key == "workers" })?.value, case .mapping(let fields) = workers.content
        else { return nil }
        guard let fleet = fields.first(where: { $0.key == "fleet" })?.value, !fleet.isNull else { return nil }
        return fleet
    }

    /// `tables` are the top-level `dynamodb:` tables, which `table: <name>` shares with the
    /// applications; `population` is how many tenants they already hold; `fleets` those the
    /// workers may run on.
    static func read(
        _ node: YAMLNode?, duration: SimTime, tables: [DynamoDBTableConfiguration] = [], population: Int = 0,
        fleets: FleetsConfiguration? = nil
    ) throws(Diagnostic) -> ProvisioningConfiguration? {
        guard let node else { return nil }
        var r = try MappingReader(node, context: "'provisioning'")
        var mode = ProvisioningMode.async
        if let modeNode = r.optional("mode") {
            mode = ProvisioningMode(rawValue: try modeNode.choice("'provisioning.mode'", among: ProvisioningMode.allCases.map(\.rawValue)))!
        }
        let signups = try readSignups(try r.required("signups"), duration: duration)
        let api = try readAPI(try r.required("api"))
        let tableNode = try r.required("table")
        let shared = try sharedTable(tableNode, tables: tables)
        let table = if let shared { DynamoDBTableSchema.Table(configuration: shared, itemBytes: 2_048) } else { try DynamoDBTableSchema.read(tableNode) }
        if shared == nil, let clash = tables.first(where: { $0.name == table.configuration.name }) {
            throw Diagnostic.error(
                at: tableNode.location, "'provisioning.table' is named '\(clash.name)' like a table of 'dynamodb'; share it with 'table: \(clash.name)'")
        }
        let queues = try SQSQueueSchema.read(try r.required("queue"))
        var dynamoDBRetry = SDKRetryPolicy.standard2025()
        var sqsRetry = SDKRetryPolicy.standard2025()
        if let sdkNode = r.optional("sdk") {
            var sdk = try MappingReader(sdkNode, context: "'provisioning.sdk'")
            if let policy = sdk.optional("dynamodb") { dynamoDBRetry = try SDKRetrySchema.read(policy, "'provisioning.sdk.dynamodb'", dynamoDB: true) }
            if let policy = sdk.optional("sqs") { sqsRetry = try SDKRetrySchema.read(policy, "'provisioning.sdk.sqs'", dynamoDB: false) }
            try sdk.finish()
        }
        let workers = try readWorkers(try r.required("workers"), fleets: fleets ?? FleetsConfiguration())
        let steps = try readSteps(try r.required("steps"))
        var cuts: [TableCapacityCut] = []
        if let faults = r.optional("faults") {
            cuts = try readFaults(faults, table: table.configuration, duration: duration)
        }
        try r.finish()
        var configuration = ProvisioningConfiguration(
            mode: mode, signups: signups, api: api, workers: workers, steps: steps, table: table.configuration,
            recordBytes: table.itemBytes, queue: queues.queue, deadLetterQueue: queues.deadLetterQueue,
            dynamoDBRetry: dynamoDBRetry, sqsRetry: sqsRetry, capacityCuts: cuts)
        if shared != nil {
            configuration.sharesTable = true
            configuration.tenantKeyOffset = UInt64(population)
        }
        return configuration
    }

    /// `table: tenants`: the `dynamodb:` table of that name, which new tenants' records join
    /// (a 2 KB record, after the tenants the applications already call for).
    private static func sharedTable(_ node: YAMLNode, tables: [DynamoDBTableConfiguration]) throws(Diagnostic) -> DynamoDBTableConfiguration? {
        guard case .scalar = node.content else { return nil }
        let name = try node.text("'provisioning.table'")
        guard let table = tables.first(where: { $0.name == name }) else {
            let known = tables.isEmpty ? "'dynamodb' declares no table" : "tables: \(tables.map(\.name).joined(separator: ", "))"
            throw Diagnostic.error(at: node.location, "'provisioning.table' names unknown table '\(name)' (\(known)); or describe the workflow's own table")
        }
        return table
    }

    private static func readSignups(_ node: YAMLNode, duration: SimTime) throws(Diagnostic) -> SignupLoad {
        var r = try MappingReader(node, context: "'provisioning.signups'")
        let rate = try r.optional("rate")?.nonNegativeNumber("'provisioning.signups.rate' (sign-ups per second)") ?? 0
        var bursts: [SignupBurst] = []
        if let burstsNode = r.optional("bursts") {
            guard case .sequence(let items) = burstsNode.content, !items.isEmpty else {
                throw Diagnostic.error(at: burstsNode.location, "'provisioning.signups.bursts' must be a list of { at, count, over }")
            }
            for (index, item) in items.enumerated() {
                let what = "sign-up burst \(index + 1)"
                var b = try MappingReader(item, context: what)
                let atNode = try b.required("at")
                let start = try atNode.duration("\(what) 'at'")
                guard start < duration else { throw Diagnostic.error(at: atNode.location, "\(what) starts after the run ends (\(duration))") }
                let count = try b.required("count").integer("\(what) count", in: 1...100_000_000)
                let window = try b.required("over").positiveDuration("\(what) 'over'")
                try b.finish()
                bursts.append(SignupBurst(start: start, count: count, window: window))
            }
        }
        guard rate > 0 || !bursts.isEmpty else {
            throw Diagnostic.error(at: node.location, "'provisioning.signups' needs a 'rate' above zero or 'bursts'")
        }
        try r.finish()
        return SignupLoad(rate: rate, bursts: bursts)
    }

    private static func readAPI(_ node: YAMLNode) throws(Diagnostic) -> ControlPlaneConfiguration {
        var r = try MappingReader(node, context: "'provisioning.api'")
        let instances = try r.required("instances").integer("'provisioning.api.instances'", in: 1...10_000)
        let threads = try r.required("threads").integer("'provisioning.api.threads'", in: 1...100_000)
        let queueCapacity = try r.optional("queue_capacity")?.integer("'provisioning.api.queue_capacity'", in: 0...100_000_000)
        // A few milliseconds of request handling: an assumption.
        let handling = try r.optional("handling").map { (n) throws(Diagnostic) in
            try DistributionSchema.read(n, "'provisioning.api.handling'", values: .durations)
        } ?? .constant(0.005)
        let timeout = try r.optional("timeout")?.positiveDuration("'provisioning.api.timeout'") ?? .seconds(30)
        try r.finish()
        return ControlPlaneConfiguration(instances: instances, threads: threads, queueCapacity: queueCapacity, handling: handling, timeout: timeout)
    }

    private static func readWorkers(_ node: YAMLNode, fleets: FleetsConfiguration) throws(Diagnostic) -> WorkerPoolConfiguration {
        var r = try MappingReader(node, context: "'provisioning.workers'")
        let instancesNode = r.optional("instances")
        let fleetNode = r.optional("fleet")
        var instances = 0
        var fleet: String?
        switch (instancesNode, fleetNode) {
        case (let instancesNode?, nil):
            instances = try instancesNode.integer("'provisioning.workers.instances'", in: 1...10_000)
        case (nil, let fleetNode?):
            let name = try fleetNode.text("'provisioning.workers.fleet'")
            guard let index = fleets.fleets.firstIndex(where: { $0.name == name }) else {
                let names = fleets.fleets.map(\.name)
                var message = "'provisioning.workers.fleet' names unknown fleet '\(name)'"
                if let suggestion = MappingReader.closest(to: name, among: names) { message += "; did you mean '\(suggestion)'?" }
                if names.isEmpty { message += " (declare it under 'fleets')" }
                throw Diagnostic.error(at: fleetNode.location, message)
            }
            // One process per instance slot the fleet may ever use.
            instances = fleets.slots(ofFleet: index)
            fleet = name
        case (_?, let fleetNode?):
            throw Diagnostic.error(at: fleetNode.location, "workers need 'instances' or 'fleet', not both")
        case (nil, nil):
            throw Diagnostic.error(at: node.location, "workers need 'instances' or 'fleet' (the fleet whose instances run them)")
        }
        let threads = try r.optional("threads")?.integer("'provisioning.workers.threads'", in: 1...10_000) ?? 1
        guard instances * threads <= 100_000 else {
            throw Diagnostic.error(at: node.location, "'provisioning.workers' may have at most 100000 threads in all")
        }
        let batch = try r.optional("receive_batch")?.integer("'provisioning.workers.receive_batch'", in: 1...10) ?? 1
        var wait = SimTime.seconds(20)
        if let waitNode = r.optional("wait_time") {
            wait = try waitNode.duration("'provisioning.workers.wait_time'")
            guard wait >= .seconds(1) && wait <= .seconds(20) else {
                throw Diagnostic.error(at: waitNode.location, "'provisioning.workers.wait_time' must be between 1s and 20s (workers long-poll)")
            }
        }
        var heartbeat: VisibilityHeartbeat?
        if let heartbeatNode = r.optional("heartbeat") {
            var h = try MappingReader(heartbeatNode, context: "'provisioning.workers.heartbeat'")
            let interval = try h.required("interval").positiveDuration("'provisioning.workers.heartbeat.interval'")
            let timeoutNode = try h.required("timeout")
            let timeout = try timeoutNode.duration("'provisioning.workers.heartbeat.timeout'")
            guard timeout > interval && timeout <= SQSLimits.maximumVisibilityTimeout else {
                throw Diagnostic.error(
                    at: timeoutNode.location,
                    "'provisioning.workers.heartbeat.timeout' must be longer than its interval (\(interval)) and at most 12h")
            }
            try h.finish()
            heartbeat = VisibilityHeartbeat(interval: interval, timeout: timeout)
        }
        let consistent = try r.optional("consistent_reads")?.boolean("'provisioning.workers.consistent_reads'") ?? true
        let backoff = try r.optional("error_backoff")?.positiveDuration("'provisioning.workers.error_backoff'") ?? .seconds(1)
        try r.finish()
        return WorkerPoolConfiguration(
            instances: instances, fleet: fleet, threads: threads, receiveBatch: batch, waitTime: wait, heartbeat: heartbeat,
            consistentReads: consistent, errorBackoff: backoff)
    }

    private static func readSteps(_ node: YAMLNode) throws(Diagnostic) -> [ProvisioningStep] {
        guard case .sequence(let items) = node.content, !items.isEmpty else {
            throw Diagnostic.error(at: node.location, "'provisioning.steps' must be a list of steps")
        }
        guard items.count <= ProvisioningStep.maximumCount else {
            throw Diagnostic.error(at: node.location, "'provisioning.steps' may list at most \(ProvisioningStep.maximumCount) steps")
        }
        var steps: [ProvisioningStep] = []
        for (index, item) in items.enumerated() {
            var r = try MappingReader(item, context: "step \(index + 1)")
            let nameNode = try r.required("name")
            let name = try nameNode.name("step name")
            if steps.contains(where: { $0.name == name }) { throw Diagnostic.error(at: nameNode.location, "step '\(name)' is listed twice") }
            let what = "step '\(name)'"
            let duration = try DistributionSchema.read(try r.required("duration"), "\(what) duration", values: .durations)
            let failure = try r.optional("failure_probability")?.probability("\(what) failure_probability") ?? 0
            let keyed = try r.optional("idempotency_key")?.boolean("\(what) idempotency_key") ?? true
            try r.finish()
            steps.append(ProvisioningStep(name: name, duration: duration, failureProbability: failure, idempotencyKey: keyed))
        }
        return steps
    }

    private static func readFaults(_ node: YAMLNode, table: DynamoDBTableConfiguration, duration: SimTime) throws(Diagnostic) -> [TableCapacityCut] {
        guard case .sequence(let items) = node.content else {
            throw Diagnostic.error(at: node.location, "'provisioning.faults' must be a list")
        }
        var cuts: [TableCapacityCut] = []
        for (index, item) in items.enumerated() {
            let what = "provisioning fault \(index + 1)"
            var r = try MappingReader(item, context: what)
            let atNode = try r.required("at")
            let start = try atNode.duration("\(what) 'at'")
            guard start < duration else { throw Diagnostic.error(at: atNode.location, "\(what) starts after the run ends (\(duration))") }
            let cutNode = try r.required("table_capacity")
            guard case .provisioned = table.mode else {
                throw Diagnostic.error(at: cutNode.location, "\(what): 'table_capacity' needs a provisioned table; '\(table.name)' is on demand")
            }
            var c = try MappingReader(cutNode, context: "\(what) table_capacity")
            let read = try c.required("read_units").nonNegativeNumber("\(what) read_units")
            let write = try c.required("write_units").nonNegativeNumber("\(what) write_units")
            guard read + write > 0 else { throw Diagnostic.error(at: cutNode.location, "\(what) must leave the table some capacity") }
            let length = try c.optional("for")?.positiveDuration("\(what) 'for'")
            try c.finish()
            try r.finish()
            cuts.append(TableCapacityCut(start: start, readUnits: read, writeUnits: write, duration: length))
        }
        return cuts
    }
}

extension YAMLNode {
    /// One of a fixed set of words, with the closest one suggested for a typo.
    func choice(_ what: String, among choices: [String]) throws(Diagnostic) -> String {
        let value = try text(what)
        guard choices.contains(value) else {
            var message = "\(what) is one of \(choices.joined(separator: ", ")), found '\(value)'"
            if let suggestion = MappingReader.closest(to: value, among: choices) { message += "; did you mean '\(suggestion)'?" }
            throw Diagnostic.error(at: location, message)
        }
        return value
    }
}
