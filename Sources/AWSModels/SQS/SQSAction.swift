/// The API actions a queue answers; each answer reaches the caller as an event whose kind is
/// the action's `eventKind`.
public enum SQSAction: UInt8, Sendable, CaseIterable {
    case sendMessage = 1
    case sendMessageBatch
    case receiveMessage
    case deleteMessage
    case deleteMessageBatch
    case changeMessageVisibility
    case changeMessageVisibilityBatch

    /// The event kind of this action's answers: distinct from every other component's kinds
    /// a caller is likely to switch on ('SQ' in the high half).
    public var eventKind: UInt32 { SQSReply.kindBase | UInt32(rawValue) }

    /// Which throughput limit the action counts against (batches count as their action).
    var limiter: Int {
        switch self {
        case .sendMessage, .sendMessageBatch: return 0
        case .receiveMessage: return 1
        case .deleteMessage, .deleteMessageBatch: return 2
        case .changeMessageVisibility, .changeMessageVisibilityBatch: return 3
        }
    }

    static let limiterCount = 4
}

/// The outcome of a call, or of one entry of a batch.
public enum SQSStatus: UInt8, Sendable, CaseIterable {
    case ok = 0
    /// `OverLimit`: a short poll on a standard queue whose in-flight messages reached the limit.
    case overLimit
    /// `ThrottlingException`: the action's calls per second went past the throughput limit.
    case throttled
    /// `MessageNotInflight`: ChangeMessageVisibility on a message that is not in flight under
    /// that receipt (it became visible again, was received again, or is gone).
    case messageNotInflight
    /// `InvalidParameterValue`: ChangeMessageVisibility past 12 h from the receive.
    case invalidParameterValue
}
