import AWSModels
import SimKernel

/// Reads an SQS queue and its dead-letter queue (`provisioning.queue`).
///
/// ```yaml
/// queue:
///   name: provisioning
///   type: standard                           # or fifo
///   visibility_timeout: 5m
///   max_receive_count: 5                     # redrive to the dead-letter queue
///   dead_letter_queue: provisioning-dlq      # default: <name>-dlq
///   retention: 4d
///   delay: 0s
///   inflight_limit: 120000
///   throughput_limit: 300                    # calls per second per action (FIFO default)
///   duplicate_probability: 1e-5              # [A] at-least-once: a copy survives a delete
///   lost_receive_probability: 0              # [A]
///   storage_hosts: 16                        # [A] short polls sample some of them
///   sampled_hosts: 4                         # [A]
///   latency: { lognormal: { median: 8ms, p99: 40ms } }   # [A] every API call
/// ```
enum SQSQueueSchema {
    struct Queues {
        var queue: SQSQueueConfiguration
        var deadLetterQueue: SQSQueueConfiguration?
    }

    static func read(_ node: YAMLNode) throws(Diagnostic) -> Queues {
        var r = try MappingReader(node, context: "'provisioning.queue'")
        let name = try r.optional("name")?.name("'provisioning.queue.name'") ?? "provisioning"
        let what = "queue '\(name)'"
        var type = SQSQueueType.standard
        if let typeNode = r.optional("type") {
            type = try typeNode.choice("\(what) type", among: ["standard", "fifo"]) == "fifo" ? .fifo : .standard
        }
        var queue = SQSQueueConfiguration(name: name, type: type)
        if let node = r.optional("visibility_timeout") {
            queue.visibilityTimeout = try node.duration("\(what) visibility_timeout", in: .zero...SQSLimits.maximumVisibilityTimeout, "0 and 12h")
        }
        if let node = r.optional("retention") {
            queue.retention = try node.duration("\(what) retention", in: SQSLimits.retention, "60s and 14d")
        }
        if let node = r.optional("delay") {
            queue.delay = try node.duration("\(what) delay", in: .zero...SQSLimits.maximumDelay, "0 and 900s")
        }
        let redriveNode = r.optional("max_receive_count")
        queue.maxReceiveCount = try redriveNode?.integer("\(what) max_receive_count", in: SQSLimits.maxReceiveCount)
        queue.inFlightLimit = try r.optional("inflight_limit")?.integer("\(what) inflight_limit", in: 1...10_000_000) ?? queue.inFlightLimit
        if let limit = r.optional("throughput_limit") {
            queue.throughputLimit = try limit.integer("\(what) throughput_limit", in: 1...10_000_000)
        }
        queue.duplicateProbability = try r.optional("duplicate_probability")?.probability("\(what) duplicate_probability") ?? queue.duplicateProbability
        queue.lostReceiveProbability = try r.optional("lost_receive_probability")?.probability("\(what) lost_receive_probability") ?? 0
        queue.storageHosts = try r.optional("storage_hosts")?.integer("\(what) storage_hosts", in: 1...65_535) ?? queue.storageHosts
        queue.sampledHosts = try r.optional("sampled_hosts")?.integer("\(what) sampled_hosts", in: 1...65_535) ?? queue.sampledHosts
        if let latency = r.optional("latency") {
            queue.latency = SQSAPILatency(all: try DistributionSchema.read(latency, "\(what) latency", values: .durations))
        }
        let deadLetterNode = r.optional("dead_letter_queue")
        try r.finish()
        if let problem = queue.problems.first { throw Diagnostic.error(at: node.location, "\(what): \(problem)") }
        guard queue.maxReceiveCount != nil else {
            if let deadLetterNode {
                throw Diagnostic.error(at: deadLetterNode.location, "\(what) has a dead_letter_queue but no max_receive_count to redrive after")
            }
            return Queues(queue: queue, deadLetterQueue: nil)
        }
        var deadLetterName = "\(name)-dlq"
        if let deadLetterNode {
            deadLetterName = try deadLetterNode.name("\(what) dead_letter_queue")
            guard deadLetterName != name else {
                throw Diagnostic.error(at: deadLetterNode.location, "\(what) cannot be its own dead-letter queue")
            }
        }
        // The dead-letter queue keeps messages as long as SQS allows, for someone to look at.
        var deadLetter = SQSQueueConfiguration(name: deadLetterName, type: type, retention: SQSLimits.retention.upperBound)
        deadLetter.latency = queue.latency
        return Queues(queue: queue, deadLetterQueue: deadLetter)
    }
}

extension YAMLNode {
    /// A duration within `range`, which `bounds` spells out for the message.
    func duration(_ what: String, in range: ClosedRange<SimTime>, _ bounds: String) throws(Diagnostic) -> SimTime {
        let value = try duration(what)
        guard range.contains(value) else { throw Diagnostic.error(at: location, "\(what) must be between \(bounds)") }
        return value
    }
}
