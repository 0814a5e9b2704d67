import SimKernel

/// What a table counted besides its capacity measurements.
public struct DynamoDBTableStatistics: Sendable {
    /// Requests by `DynamoDBOperation.rawValue`.
    public private(set) var requestsByOperation = [Counter](repeating: Counter(), count: DynamoDBOperation.allCases.count)
    /// Throttled requests by `ThrottleReason.code` (index 0 unused).
    public private(set) var throttledByReason = [Counter](repeating: Counter(), count: 17)
    public private(set) var throttledRequests = Counter()
    public internal(set) var conditionalCheckFailures = Counter()
    public internal(set) var transactionsCanceled = Counter()
    /// Eventually consistent reads that returned the item as it was before its last write.
    public internal(set) var staleReads = Counter()
    /// Latencies of answered reads, and of answered writes and transactions.
    public internal(set) var readLatency = LatencyRecorder()
    public internal(set) var writeLatency = LatencyRecorder()

    public init() {}

    mutating func count(_ operation: DynamoDBOperation) {
        requestsByOperation[Int(operation.rawValue)].increment()
    }

    mutating func count(_ reason: ThrottleReason) {
        throttledByReason[Int(reason.code)].increment()
        throttledRequests.increment()
    }

    public func throttled(_ reason: ThrottleReason) -> UInt64 {
        throttledByReason[Int(reason.code)].sinceReset
    }

    public func requests(_ operation: DynamoDBOperation) -> UInt64 {
        requestsByOperation[Int(operation.rawValue)].sinceReset
    }

    mutating func reset() {
        for i in requestsByOperation.indices { requestsByOperation[i].reset() }
        for i in throttledByReason.indices { throttledByReason[i].reset() }
        throttledRequests.reset()
        conditionalCheckFailures.reset()
        transactionsCanceled.reset()
        staleReads.reset()
        readLatency.reset()
        writeLatency.reset()
    }
}
