/// Why DynamoDB throttled a request: AWS's `ThrottlingReason`, ResourceType + OperationType +
/// LimitType, such as `TableWriteKeyRangeThroughputExceeded` (16 reasons).
public struct ThrottleReason: Hashable, Sendable, CustomStringConvertible {
    public enum Resource: UInt8, Sendable, CaseIterable {
        case table
        /// A global secondary index; its write throttles fail base-table writes.
        case index
    }

    public enum Operation: UInt8, Sendable, CaseIterable {
        case read
        case write
    }

    public enum Limit: UInt8, Sendable, CaseIterable {
        /// Provisioned mode: the table's or index's provisioned units are used up.
        case provisionedThroughputExceeded
        /// A partition (key range) is at its 3,000 RCU / 1,000 WCU ceiling: a hot partition.
        /// On-demand growth faster than twice the previous peak also lands here.
        case keyRangeThroughputExceeded
        /// On-demand: the per-table account quota (default 40,000 RRU / 40,000 WRU).
        case accountLimitExceeded
        /// On-demand: the table's configured maximum throughput.
        case maxOnDemandThroughputExceeded
    }

    public var resource: Resource
    public var operation: Operation
    public var limit: Limit

    public init(_ resource: Resource, _ operation: Operation, _ limit: Limit) {
        self.resource = resource
        self.operation = operation
        self.limit = limit
    }

    /// 1 to 16; zero stands for "not throttled" in a response.
    public var code: UInt8 { 1 + (resource.rawValue << 3 | operation.rawValue << 2 | limit.rawValue) }

    public init?(code: UInt8) {
        guard code >= 1 && code <= 16 else { return nil }
        let value = code - 1
        self.init(Resource(rawValue: value >> 3)!, Operation(rawValue: (value >> 2) & 1)!, Limit(rawValue: value & 3)!)
    }

    /// All 16 reasons, in code order.
    public static let all: [ThrottleReason] = (1...16).map { ThrottleReason(code: UInt8($0))! }

    /// AWS's name, `TableReadKeyRangeThroughputExceeded`.
    public var name: String {
        let limitName: String
        switch limit {
        case .provisionedThroughputExceeded: limitName = "ProvisionedThroughputExceeded"
        case .keyRangeThroughputExceeded: limitName = "KeyRangeThroughputExceeded"
        case .accountLimitExceeded: limitName = "AccountLimitExceeded"
        case .maxOnDemandThroughputExceeded: limitName = "MaxOnDemandThroughputExceeded"
        }
        return (resource == .table ? "Table" : "Index") + (operation == .read ? "Read" : "Write") + limitName
    }

    /// The metric name, `throttled_table_read_key_range`.
    public var metricName: String {
        let limitName: String
        switch limit {
        case .provisionedThroughputExceeded: limitName = "provisioned"
        case .keyRangeThroughputExceeded: limitName = "key_range"
        case .accountLimitExceeded: limitName = "account_limit"
        case .maxOnDemandThroughputExceeded: limitName = "max_on_demand"
        }
        return "throttled_" + (resource == .table ? "table_" : "index_") + (operation == .read ? "read_" : "write_") + limitName
    }

    /// The exception the SDK sees: partition and provisioned limits raise
    /// `ProvisionedThroughputExceededException`, on-demand limits `ThrottlingException`.
    public var exceptionName: String {
        switch limit {
        case .provisionedThroughputExceeded, .keyRangeThroughputExceeded: return "ProvisionedThroughputExceededException"
        case .accountLimitExceeded, .maxOnDemandThroughputExceeded: return "ThrottlingException"
        }
    }

    public var description: String { name }
}
