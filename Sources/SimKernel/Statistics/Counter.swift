/// A count of occurrences. The total since time zero is never reset, so fixed-interval
/// samples can difference it; `sinceReset` is what final reports use.
public struct Counter: Sendable {
    public private(set) var total: UInt64 = 0
    private var atReset: UInt64 = 0

    public init() {}

    public mutating func increment(by amount: UInt64 = 1) {
        total &+= amount
    }

    public mutating func reset() {
        atReset = total
    }

    public var sinceReset: UInt64 { total &- atReset }
}
