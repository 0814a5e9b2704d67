import SimKernel

/// The limits Amazon SQS documents, in one place (aws-spec.md section 1.1, all [P]).
public enum SQSLimits {
    /// Visibility timeout: 0 to 43,200 s; also the most time one receipt may stay hidden in
    /// total, counted from its receive.
    public static let maximumVisibilityTimeout = SimTime.seconds(43_200)
    /// Long-poll wait (`WaitTimeSeconds`): 0 to 20 s.
    public static let maximumWaitTime = SimTime.seconds(20)
    /// `MaxNumberOfMessages` per ReceiveMessage: 1 to 10.
    public static let messagesPerReceive = 1...10
    /// Entries per SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch.
    public static let entriesPerBatch = 1...10
    /// Message retention: 60 s to 14 days.
    public static let retention = SimTime.seconds(60)...SimTime.seconds(1_209_600)
    /// Queue delay and per-message timer: 0 to 900 s.
    public static let maximumDelay = SimTime.seconds(900)
    /// `maxReceiveCount` of a redrive policy.
    public static let maxReceiveCount = 1...1_000
    /// In-flight messages per queue (standard: "about"; FIFO: 20,000 on older pages).
    public static let inFlightMessages = 120_000
    /// FIFO deduplication interval.
    public static let deduplicationInterval = SimTime.seconds(300)
    /// FIFO throughput without high-throughput mode: transactions per second per API action.
    public static let fifoTransactionsPerSecond = 300
    /// FIFO looks only at this many of the oldest messages when it picks available groups.
    public static let fifoGroupLookahead = 120_000
}
