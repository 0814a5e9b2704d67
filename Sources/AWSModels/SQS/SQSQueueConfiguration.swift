import SimKernel

/// One queue's attributes, with SQS's defaults. Numbers tagged [A] in aws-spec.md are
/// modelling assumptions (`assumedParameters` names them, so reports can say so).
public struct SQSQueueConfiguration: Sendable {
    /// The queue's name; metrics appear under `sqs.<name>`, random streams under `sqs.<name>/...`.
    public var name: String
    public var type: SQSQueueType
    /// `VisibilityTimeout`: 30 s by default, 0 to 12 h.
    public var visibilityTimeout: SimTime
    /// `ReceiveMessageWaitTimeSeconds`, used when a receive gives no wait: 0 (short polling)
    /// by default, up to 20 s.
    public var receiveWaitTime: SimTime
    /// `MessageRetentionPeriod`: 4 days by default, 60 s to 14 days.
    public var retention: SimTime
    /// `DelaySeconds`: 0 by default, up to 900 s.
    public var delay: SimTime
    /// The redrive policy's `maxReceiveCount` (1 to 1,000); nil means no redrive policy.
    /// Needs a dead-letter queue of the same type, given to `SQSQueue.init`.
    public var maxReceiveCount: Int?
    /// Messages in flight (received, neither deleted nor visible again) at most: 120,000.
    /// Older pages give 20,000 for FIFO queues.
    public var inFlightLimit: Int
    /// FIFO: how long a deduplication id is remembered (5 min, fixed by SQS).
    public var deduplicationInterval: SimTime
    /// FIFO: with content-based deduplication the body is the deduplication id (SQS hashes
    /// the body with SHA-256; a 64-bit body is its own digest here).
    public var contentBasedDeduplication: Bool
    public var deduplicationScope: SQSDeduplicationScope
    /// FIFO: only the oldest this-many messages are looked at when choosing available groups.
    public var fifoGroupLookahead: Int
    /// Calls per second allowed per API action (send, receive, delete, change visibility),
    /// beyond which calls are throttled. 300 for FIFO queues (high-throughput mode: up to
    /// 70,000), nil (no limit: "nearly unlimited") for standard queues.
    public var throughputLimit: Int?
    /// [A] The burst the throughput limit allows: its token bucket holds this many seconds
    /// of calls. AWS documents the rate, not how it is enforced.
    public var throughputBurst: SimTime
    /// [A] Standard queues: probability that a delete leaves a copy behind, which becomes
    /// visible again when the receipt's visibility timeout ends (at-least-once). Default
    /// 1e-5; sweep 1e-6 to 1e-3. FIFO queues never duplicate.
    public var duplicateProbability: Double
    /// [A] Probability that a received message never reaches the consumer, although SQS
    /// counts the receive and hides the message (it reappears after the visibility timeout).
    /// AWS publishes no rate; the default is 0.
    public var lostReceiveProbability: Double
    /// [A] Standard queues: storage hosts a queue's messages are spread over (8 to 32; 16).
    public var storageHosts: Int
    /// [A] Standard queues: hosts one short poll samples (4).
    public var sampledHosts: Int
    /// [A] Round-trip times of the API calls.
    public var latency: SQSAPILatency

    public init(
        name: String,
        type: SQSQueueType = .standard,
        visibilityTimeout: SimTime = .seconds(30),
        receiveWaitTime: SimTime = .zero,
        retention: SimTime = .seconds(345_600),
        delay: SimTime = .zero,
        maxReceiveCount: Int? = nil,
        inFlightLimit: Int = SQSLimits.inFlightMessages,
        duplicateProbability: Double = 1e-5,
        lostReceiveProbability: Double = 0,
        storageHosts: Int = 16,
        sampledHosts: Int = 4,
        latency: SQSAPILatency = .assumed
    ) {
        self.name = name
        self.type = type
        self.visibilityTimeout = visibilityTimeout
        self.receiveWaitTime = receiveWaitTime
        self.retention = retention
        self.delay = delay
        self.maxReceiveCount = maxReceiveCount
        self.inFlightLimit = inFlightLimit
        deduplicationInterval = SQSLimits.deduplicationInterval
        contentBasedDeduplication = false
        deduplicationScope = .queue
        fifoGroupLookahead = SQSLimits.fifoGroupLookahead
        throughputLimit = type == .fifo ? SQSLimits.fifoTransactionsPerSecond : nil
        throughputBurst = .seconds(1)
        self.duplicateProbability = duplicateProbability
        self.lostReceiveProbability = lostReceiveProbability
        self.storageHosts = storageHosts
        self.sampledHosts = sampledHosts
        self.latency = latency
    }

    /// The parameters that are modelling assumptions, as scenario keys.
    public static let assumedParameters = [
        "duplicate_probability", "lost_receive_probability", "storage_hosts", "sampled_hosts",
        "latency", "throughput_burst",
    ]

    /// What is wrong with this configuration, in words; empty when it is valid.
    public var problems: [String] {
        var found: [String] = []
        func check(_ condition: Bool, _ message: String) {
            if !condition { found.append(message) }
        }
        check(!name.isEmpty, "the queue needs a name")
        check(visibilityTimeout >= .zero && visibilityTimeout <= SQSLimits.maximumVisibilityTimeout,
              "visibility_timeout must be between 0 and 12h")
        check(receiveWaitTime >= .zero && receiveWaitTime <= SQSLimits.maximumWaitTime, "wait_time must be between 0 and 20s")
        check(SQSLimits.retention.contains(retention), "retention must be between 60s and 14d")
        check(delay >= .zero && delay <= SQSLimits.maximumDelay, "delay must be between 0 and 900s")
        if let count = maxReceiveCount {
            check(SQSLimits.maxReceiveCount.contains(count), "max_receive_count must be between 1 and 1000")
        }
        check(inFlightLimit >= 1, "inflight_limit must be at least 1")
        check(deduplicationInterval > .zero, "deduplication_interval must be positive")
        check(fifoGroupLookahead >= 1, "fifo_group_lookahead must be at least 1")
        if let limit = throughputLimit { check(limit >= 1, "throughput_limit must be at least 1 call per second") }
        check(throughputBurst > .zero, "throughput_burst must be positive")
        check((0...1).contains(duplicateProbability), "duplicate_probability must be between 0 and 1")
        check((0...1).contains(lostReceiveProbability), "lost_receive_probability must be between 0 and 1")
        check((1...Int(UInt16.max)).contains(storageHosts), "storage_hosts must be between 1 and 65535")
        check(sampledHosts >= 1 && sampledHosts <= storageHosts, "sampled_hosts must be between 1 and storage_hosts")
        return found
    }
}
