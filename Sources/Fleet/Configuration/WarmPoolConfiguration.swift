/// A warm pool: instances launched and configured ahead of need, kept stopped or running
/// beside the group, that skip configuration when the group scales out.
public struct WarmPoolConfiguration: Sendable {
    public enum PoolState: String, Sendable, CaseIterable {
        /// Stopped: EC2 bills no compute; leaving the pool starts the instance again.
        case stopped
        /// Running: billed, and in service after the application's start alone.
        case running
    }

    public var state: PoolState
    public var minSize: Int
    /// The pool holds this less the desired capacity; nil: the group's maximum size.
    public var maxPreparedCapacity: Int?
    /// Scale-in sends instances back to the pool instead of terminating them.
    public var reuseOnScaleIn: Bool

    public init(state: PoolState = .stopped, minSize: Int = 0, maxPreparedCapacity: Int? = nil, reuseOnScaleIn: Bool = false) {
        precondition(minSize >= 0 && (maxPreparedCapacity ?? 0) >= 0)
        self.state = state
        self.minSize = minSize
        self.maxPreparedCapacity = maxPreparedCapacity
        self.reuseOnScaleIn = reuseOnScaleIn
    }
}
