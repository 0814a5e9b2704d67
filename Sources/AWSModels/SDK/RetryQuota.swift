/// The standard mode's retry quota: a token bucket shared by every request of one client.
/// Retries take tokens, successes put some back; when it cannot pay, retries stop.
public struct RetryQuota: Sendable, Equatable {
    public let capacity: Int
    public private(set) var available: Int

    public init(capacity: Int) {
        precondition(capacity >= 0)
        self.capacity = capacity
        available = capacity
    }

    /// Takes `cost` tokens if the quota holds them.
    public mutating func acquire(_ cost: Int) -> Bool {
        guard cost <= available else { return false }
        available -= cost
        return true
    }

    /// Puts back `amount` tokens, up to the capacity.
    public mutating func release(_ amount: Int) {
        available = min(capacity, available + amount)
    }
}
