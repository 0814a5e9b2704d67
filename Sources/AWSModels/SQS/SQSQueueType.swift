/// Standard (at-least-once, best-effort order) or FIFO (ordered groups, exactly-once).
public enum SQSQueueType: String, Sendable, CaseIterable {
    case standard
    case fifo
}

/// What a FIFO deduplication id is unique within: the whole queue (the default) or its
/// message group (required by high-throughput mode).
public enum SQSDeduplicationScope: String, Sendable, CaseIterable {
    case queue
    case messageGroup
}
