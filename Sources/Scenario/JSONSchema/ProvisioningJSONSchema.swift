import Provisioning

/// `provisioning:` as Schema/ProvisioningSchema.swift reads it, with the defaults of the
/// Provisioning configuration types; its table, queue and SDK clients are described by
/// DynamoDBTableJSONSchema, SQSQueueJSONSchema and SDKRetryJSONSchema.
enum ProvisioningJSONSchema {
    static let properties: [JSONSchema.Property] = [
        .optional(
            "provisioning", .ref("provisioning"),
            "The tenant sign-up workflow: a control-plane API, a DynamoDB table, an SQS queue and workers running the steps (a model of its own)."),
    ]

    private static let apiDefaults = ControlPlaneConfiguration(instances: 1, threads: 1)
    private static let workerDefaults = WorkerPoolConfiguration(instances: 1, threads: 1)

    static let definitions: [String: JSONSchema] = [
        "provisioning": JSONSchema.object([
            .optional(
                "mode", .choice(ProvisioningMode.allCases.map(\.rawValue)),
                "async: the API records the tenant, queues a message and answers 202, and workers run the steps; "
                    + "synchronous: the API runs the steps inside the request and answers 201 when the tenant is ready.",
                default: .string(ProvisioningMode.async.rawValue)),
            .required("signups", .ref("signups"), "When tenants sign up: a steady rate, launches, or both."),
            .required("api", .ref("provisioningAPI"), "The control-plane API that takes sign-ups."),
            .required(
                "table", .anyOf([JSONSchema.ref("name").described("A table of the top-level 'dynamodb', shared with the applications."), .ref("dynamoDBTable")]),
                "The DynamoDB table of tenant records: the workflow's own, or by name a table the applications call (new tenants join it)."),
            .required("queue", .ref("sqsQueue"), "The SQS queue workers drain, with its dead-letter queue."),
            .optional(
                "sdk",
                .object([
                    .optional("dynamodb", .ref("sdkRetry"), "Retries of the DynamoDB clients (one per API or worker process).", default: "standard-2025"),
                    .optional("sqs", .ref("sdkRetry"), "Retries of the SQS clients (one per API or worker process).", default: "standard-2025"),
                ]),
                "The AWS SDK clients' retry policies."),
            .required("workers", .ref("provisioningWorkers"), "The workers that drain the queue."),
            .required(
                "steps", .array(of: .ref("provisioningStep"), minItems: 1, maxItems: ProvisioningStep.maximumCount),
                "The steps that provision a tenant, in order; names are unique."),
            .optional(
                "faults", .array(of: .ref("provisioningFault")),
                "Faults injected into the workflow: cuts of the table's provisioned capacity (provisioned tables only)."),
        ]).with("anyOf", [
            ["properties": ["faults": ["maxItems": 0]]],
            ["properties": ["table": ["properties": ["mode": ["type": "object"]]]]],
        ]).described("The tenant sign-up workflow: API -> table -> queue -> workers -> ready tenant."),
        "signups": JSONSchema.object([
            .optional("rate", .number(minimum: 0), "Sign-ups per second, a Poisson stream over the whole run.", default: 0),
            .optional("bursts", .array(of: .ref("signupBurst"), minItems: 1), "Launches: sign-ups at uniformly random instants of a window."),
        ]).with("anyOf", [
            ["required": ["rate"], "properties": ["rate": ["type": "number", "exclusiveMinimum": 0]]],
            ["required": ["bursts"], "properties": ["bursts": ["type": "array"]]],
        ]).described("A 'rate' above zero, 'bursts', or both superposed."),
        "signupBurst": JSONSchema.object([
            .required("at", .ref("duration"), "When the window opens (before the run ends)."),
            .required("count", .integer(1...100_000_000), "Sign-ups in the window."),
            .required("over", .ref("positiveDuration"), "How long the window lasts."),
        ]).described("A launch: count sign-ups over a window."),
        "provisioningAPI": JSONSchema.object([
            .required("instances", .integer(1...10_000), "API instances, behind a round-robin load balancer."),
            .required(
                "threads", .integer(1...100_000),
                "Requests one instance serves at once; a request holds its thread through its DynamoDB and SQS calls (and, synchronously, the steps)."),
            .optional(
                "queue_capacity", .integer(0...100_000_000),
                "Requests allowed to wait for a thread per instance; beyond it the instance answers 503. Default: no bound."),
            .optional(
                "handling", .ref("distribution"), "The request's own work (parsing, validation, authorization) before its first call.",
                default: ScalarJSONSchema.duration(apiDefaults.handling)),
            .optional(
                "timeout", .ref("positiveDuration"), "How long the client waits for an answer before it gives up; the server does not notice.",
                default: ScalarJSONSchema.duration(apiDefaults.timeout)),
        ]).described("The control-plane API: instances, each with request threads and a bounded queue."),
        "provisioningWorkers": JSONSchema.object([
            .optional("instances", .integer(1...10_000), "Worker processes; each has its own SDK clients (and retry quotas). Or 'fleet'."),
            .optional(
                "fleet", .ref("text"),
                "The fleet whose instances run the processes, one each, polling only while in service (a fleet of its own, named by no service). Or 'instances'."),
            .optional("threads", .integer(1...10_000), "Threads per process, each long-polling the queue; at most 100000 threads in all.", default: 1),
            .optional(
                "receive_batch", .integer(1...10), "Messages one receive asks for; a thread holds them, hidden, until it gets to each.",
                default: .integer(workerDefaults.receiveBatch)),
            .optional(
                "wait_time", .ref("duration"), "The long-poll wait of each receive, from 1s to 20s.",
                default: ScalarJSONSchema.duration(workerDefaults.waitTime)),
            .optional(
                "heartbeat",
                .object([
                    .required("interval", .ref("positiveDuration"), "Time between extensions while a thread holds messages."),
                    .required(
                        "timeout", .ref("positiveDuration"),
                        "The visibility timeout each extension sets, from that moment: longer than the interval, at most 12h."),
                ]),
                "Extends the visibility of held messages while a thread works on them; without it a message reappears when its visibility timeout ends."),
            .optional(
                "consistent_reads", .ref("boolean"),
                "Read the tenant record strongly consistently; an eventually consistent read may miss the latest progress.",
                default: .bool(workerDefaults.consistentReads)),
            .optional(
                "error_backoff", .ref("positiveDuration"), "How long a thread pauses after a failed receive before it polls again.",
                default: ScalarJSONSchema.duration(workerDefaults.errorBackoff)),
        ]).with("anyOf", [
            ["required": ["instances"], "properties": ["instances": ["type": "integer"], "fleet": ["type": "null"]]],
            ["required": ["fleet"], "properties": ["fleet": ["type": "string"], "instances": ["type": "null"]]],
        ]).described("Processes with threads that long-poll the queue and work through each message."),
        "provisioningStep": JSONSchema.object([
            .required("name", .ref("name"), "The step's name, unique in the workflow."),
            .required("duration", .ref("distribution"), "How long the step runs."),
            .optional(
                "failure_probability", .ref("probability"), "Probability that a run fails; the message comes back through redelivery.",
                default: 0),
            .optional(
                "idempotency_key", .ref("boolean"),
                "Whether the step's system recognises a repeated request (done once per tenant) or does the work again.", default: true),
        ]).described("One step of provisioning a tenant: external work that takes a while and sometimes fails."),
        "provisioningFault": JSONSchema.object([
            .required("at", .ref("duration"), "When the fault starts (before the run ends)."),
            .required(
                "table_capacity",
                JSONSchema.object([
                    .required("read_units", .number(minimum: 0), "Read capacity units per second during the cut."),
                    .required("write_units", .number(minimum: 0), "Write capacity units per second during the cut."),
                    .optional("for", .ref("positiveDuration"), "How long the cut lasts. Default: to the end of the run."),
                ]).with("anyOf", DynamoDBTableJSONSchema.someCapacity),
                "The provisioned table's capacity set lower (an UpdateTable gone wrong, a scale-in); some must be left."),
        ]).described("A fault injected into the workflow."),
    ]
}
