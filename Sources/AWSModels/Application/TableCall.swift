/// One call an application makes to a DynamoDB table for a request, keyed by the request's
/// tenant: reading the tenant's record, or writing it.
public struct TableCall: Sendable, Equatable {
    public enum Operation: Sendable, Equatable {
        case getItem(ReadConsistency)
        /// Replaces the tenant's item with one of this size.
        case putItem(itemBytes: Int)
        /// Updates the tenant's item to this size (creating it if missing).
        case updateItem(itemBytes: Int)
    }

    /// The table's position among the tables the calls are given.
    public var table: Int
    public var operation: Operation
    /// The share of requests that make the call (writes on a few routes, reads on most).
    public var probability: Double

    public init(table: Int, operation: Operation, probability: Double = 1) {
        precondition(table >= 0 && (0...1).contains(probability))
        if case .putItem(let bytes) = operation { precondition(bytes >= 1 && bytes <= CapacityUnits.maximumItemBytes) }
        if case .updateItem(let bytes) = operation { precondition(bytes >= 1 && bytes <= CapacityUnits.maximumItemBytes) }
        self.table = table
        self.operation = operation
        self.probability = probability
    }
}

/// The calls of one application service, in the order it makes them (one after another),
/// each through the SDK client of the instance making it.
public struct TableCallsConfiguration: Sendable {
    public var calls: [TableCall]
    public var retryPolicy: SDKRetryPolicy
    /// The answer when a call fails for good (throttled on every attempt, or the retry quota
    /// is empty): the application gives up on the request.
    public var failureStatus: UInt16

    public init(calls: [TableCall], retryPolicy: SDKRetryPolicy, failureStatus: UInt16 = 503) {
        precondition(!calls.isEmpty && (500...599).contains(failureStatus))
        self.calls = calls
        self.retryPolicy = retryPolicy
        self.failureStatus = failureStatus
    }
}
