/// The SDK's bookkeeping for one request (one API call and its retries). The caller keeps it
/// beside its own state for the call and passes it to its `SDKClient`; it holds no reference.
public struct SDKRequest: Sendable, Equatable {
    /// Attempts prepared so far.
    public internal(set) var attempts: Int = 0
    /// What the last retry took from the quota, returned if the request then succeeds.
    public internal(set) var lastRetryCost: Int = 0
    /// Long-poll operations (SQS ReceiveMessage, ...) back off when the quota is empty
    /// under the 2026 rules.
    public var isLongPoll: Bool

    public init(isLongPoll: Bool = false) {
        self.isLongPoll = isLongPoll
    }

    /// Retries sent so far.
    public var retries: Int { max(0, attempts - 1) }
}
