import AWSModels
import SimKernel

/// `provisioning.queue` as Schema/SQSQueueSchema.swift reads it, with SQS's defaults from
/// `SQSQueueConfiguration` and its limits from `SQSLimits`.
enum SQSQueueJSONSchema {
    private static let defaults = SQSQueueConfiguration(name: "provisioning")

    static let definitions: [String: JSONSchema] = [
        "sqsQueue": JSONSchema.object([
            .optional("name", .ref("name"), "The queue's name: its metrics appear under sqs.<name>.", default: .string(defaults.name)),
            .optional("type", .choice(["standard", "fifo"]), "A standard queue (at-least-once, best-effort order) or a FIFO queue.", default: "standard"),
            .optional(
                "visibility_timeout", .ref("duration"),
                "How long a received message stays hidden: 0 to \(DurationText.format(SQSLimits.maximumVisibilityTimeout)).",
                default: ScalarJSONSchema.duration(defaults.visibilityTimeout)),
            .optional(
                "retention", .ref("duration"),
                "How long a message is kept: \(DurationText.format(SQSLimits.retention.lowerBound)) to \(DurationText.format(SQSLimits.retention.upperBound)).",
                default: ScalarJSONSchema.duration(defaults.retention)),
            .optional(
                "delay", .ref("duration"), "How long a new message stays invisible: 0 to \(DurationText.format(SQSLimits.maximumDelay)).",
                default: ScalarJSONSchema.duration(defaults.delay)),
            .optional(
                "max_receive_count", .integer(SQSLimits.maxReceiveCount),
                "Receives after which the redrive policy moves a message to the dead-letter queue. Default: no redrive policy and no dead-letter queue."),
            .optional(
                "dead_letter_queue", .ref("name"),
                "The dead-letter queue's name, not the queue's own (needs max_receive_count). Default: <name>-dlq."),
            .optional(
                "inflight_limit", .integer(1...10_000_000), "Messages in flight (received, neither deleted nor visible again) at most.",
                default: .integer(defaults.inFlightLimit)),
            .optional(
                "throughput_limit", .integer(1...10_000_000),
                "Calls per second allowed per API action, beyond which calls are throttled. "
                    + "Default: \(SQSLimits.fifoTransactionsPerSecond) for FIFO queues, none for standard queues."),
            .optional(
                "duplicate_probability", .ref("probability"),
                "Standard queues: probability that a delete leaves a copy behind, received again later (an assumption).",
                default: .real(defaults.duplicateProbability)),
            .optional(
                "lost_receive_probability", .ref("probability"),
                "Probability that a received message never reaches its consumer and reappears after its visibility timeout (an assumption).",
                default: .real(defaults.lostReceiveProbability)),
            .optional(
                "storage_hosts", .integer(1...Int(UInt16.max)), "Standard queues: hosts the messages are spread over (an assumption).",
                default: .integer(defaults.storageHosts)),
            .optional(
                "sampled_hosts", .integer(1...Int(UInt16.max)), "Standard queues: hosts one short poll samples, at most storage_hosts (an assumption).",
                default: .integer(defaults.sampledHosts)),
            .optional(
                "latency", .ref("distribution"), "Round-trip time of every API call (an assumption).",
                default: ScalarJSONSchema.duration(defaults.latency.send)),
        ]).with("anyOf", [
            ["properties": ["dead_letter_queue": ["type": "null"]]],
            ["required": ["max_receive_count"], "properties": ["max_receive_count": ["type": "integer"]]],
        ]).described("An SQS queue and, with a redrive policy, its dead-letter queue."),
    ]
}
