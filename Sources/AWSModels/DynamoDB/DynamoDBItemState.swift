/// What the table stores per key, as far as the model needs: whether the item exists, its
/// version (bumped by every successful write; the first write gives 1) and a small status code.
public struct DynamoDBItemState: Equatable, Sendable {
    public var exists: Bool
    public var version: UInt32
    public var status: UInt8

    public init(exists: Bool, version: UInt32, status: UInt8) {
        self.exists = exists
        self.version = version
        self.status = status
    }

    public static let missing = DynamoDBItemState(exists: false, version: 0, status: 0)
}

/// Status codes callers may store (any UInt8 works; these are the provisioning workflow's).
public enum DynamoDBItemStatus {
    public static let none: UInt8 = 0
    public static let pending: UInt8 = 1
    public static let active: UInt8 = 2
    public static let failed: UInt8 = 3
    public static let deleting: UInt8 = 4
}

/// A write's condition expression, evaluated against the stored item.
public enum DynamoDBCondition: Equatable, Sendable {
    case none
    /// `attribute_not_exists(pk)`: the item does not exist.
    case attributeNotExists
    /// `attribute_exists(pk)`.
    case attributeExists
    /// Optimistic locking: the item exists with this version.
    case versionEquals(UInt32)
    /// The item exists with this status.
    case statusEquals(UInt8)

    public func holds(for item: DynamoDBItemState) -> Bool {
        switch self {
        case .none: return true
        case .attributeNotExists: return !item.exists
        case .attributeExists: return item.exists
        case .versionEquals(let version): return item.exists && item.version == version
        case .statusEquals(let status): return item.exists && item.status == status
        }
    }
}
