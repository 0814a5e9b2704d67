/// One action of a `TransactWriteItems` call.
public struct DynamoDBTransactAction: Equatable, Sendable {
    public enum Kind: UInt8, Sendable {
        case put
        case update
        case delete
        /// Checks a condition and writes nothing (charged as a transactional write).
        case conditionCheck
    }

    public var kind: Kind
    public var key: UInt64
    /// The item's size after the action (puts and updates; nil keeps the stored size).
    public var itemBytes: Int?
    /// The item's status after the action (puts and updates).
    public var status: UInt8
    public var condition: DynamoDBCondition
    /// The item's key in the table's global secondary index, if it has one.
    public var indexKey: UInt64?

    public init(kind: Kind, key: UInt64, itemBytes: Int? = nil, status: UInt8 = 0, condition: DynamoDBCondition = .none, indexKey: UInt64? = nil) {
        self.kind = kind
        self.key = key
        self.itemBytes = itemBytes
        self.status = status
        self.condition = condition
        self.indexKey = indexKey
    }

    public static func put(key: UInt64, itemBytes: Int, status: UInt8, condition: DynamoDBCondition = .none, indexKey: UInt64? = nil) -> DynamoDBTransactAction {
        DynamoDBTransactAction(kind: .put, key: key, itemBytes: itemBytes, status: status, condition: condition, indexKey: indexKey)
    }

    public static func update(key: UInt64, itemBytes: Int? = nil, status: UInt8, condition: DynamoDBCondition = .none, indexKey: UInt64? = nil) -> DynamoDBTransactAction {
        DynamoDBTransactAction(kind: .update, key: key, itemBytes: itemBytes, status: status, condition: condition, indexKey: indexKey)
    }

    public static func delete(key: UInt64, condition: DynamoDBCondition = .none) -> DynamoDBTransactAction {
        DynamoDBTransactAction(kind: .delete, key: key, condition: condition)
    }

    public static func conditionCheck(key: UInt64, condition: DynamoDBCondition) -> DynamoDBTransactAction {
        DynamoDBTransactAction(kind: .conditionCheck, key: key, condition: condition)
    }
}
