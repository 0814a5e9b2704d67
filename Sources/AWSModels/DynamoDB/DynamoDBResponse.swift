import SimKernel

/// The API a response answers.
public enum DynamoDBOperation: UInt8, Sendable, CaseIterable {
    case getItem
    case putItem
    case updateItem
    case deleteItem
    case transactWriteItems

    var metricName: String {
        switch self {
        case .getItem: return "get_item"
        case .putItem: return "put_item"
        case .updateItem: return "update_item"
        case .deleteItem: return "delete_item"
        case .transactWriteItems: return "transact_write_items"
        }
    }
}

/// The answer to one call, as it travels in an event: `subject` is the caller's slot,
/// `argument` is `argument` below, `kind` is the kind the caller asked for
/// (`DynamoDBResponse.kind` by default).
///
/// Argument layout: bits 0-3 outcome, 4-7 operation, 8-15 throttle reason code (0 when not
/// throttled), bit 16 item exists, 17-23 index of the transaction action concerned, 24-31
/// item status, 32-63 item version.
public struct DynamoDBResponse: Equatable, Sendable {
    /// The default event kind of a response.
    public static let kind: UInt32 = 0x7D00_0001

    public enum Outcome: UInt8, Sendable, CaseIterable {
        case success
        /// `ConditionalCheckFailedException`; the item is the stored one (as
        /// `ReturnValuesOnConditionCheckFailure` would return it). Capacity was consumed.
        case conditionalCheckFailed
        /// Throttled; `throttleReason` says why. Nothing was consumed or written.
        case throttled
        /// `TransactionCanceledException` for a failed condition; `actionIndex` names the action.
        case transactionCanceled
    }

    public var outcome: Outcome
    public var operation: DynamoDBOperation
    public var throttleReason: ThrottleReason?
    /// Reads: the item read. Writes: the item after a success, the stored item otherwise.
    /// Transactions: the item of action `actionIndex`.
    public var item: DynamoDBItemState
    public var actionIndex: Int

    public init(outcome: Outcome, operation: DynamoDBOperation, throttleReason: ThrottleReason? = nil, item: DynamoDBItemState, actionIndex: Int = 0) {
        precondition(actionIndex >= 0 && actionIndex < 128)
        self.outcome = outcome
        self.operation = operation
        self.throttleReason = throttleReason
        self.item = item
        self.actionIndex = actionIndex
    }

    public var argument: UInt64 {
        UInt64(outcome.rawValue) | UInt64(operation.rawValue) << 4 | UInt64(throttleReason?.code ?? 0) << 8
            | (item.exists ? 1 << 16 : 0) | UInt64(actionIndex) << 17 | UInt64(item.status) << 24
            | UInt64(item.version) << 32
    }

    public init(argument: UInt64) {
        outcome = Outcome(rawValue: UInt8(argument & 0xF))!
        operation = DynamoDBOperation(rawValue: UInt8((argument >> 4) & 0xF))!
        throttleReason = ThrottleReason(code: UInt8((argument >> 8) & 0xFF))
        item = DynamoDBItemState(
            exists: argument & (1 << 16) != 0, version: UInt32(truncatingIfNeeded: argument >> 32),
            status: UInt8((argument >> 24) & 0xFF))
        actionIndex = Int((argument >> 17) & 0x7F)
    }

    /// Reads the response out of its event.
    public init(_ event: Event) {
        self.init(argument: event.argument)
    }

    public var succeeded: Bool { outcome == .success }
}
