import SimKernel

/// A token bucket that admits `rate` calls per second with a burst of `burst` seconds'
/// worth, in exact integer arithmetic: a call costs 1e9 units, and `rate` units are added
/// per nanosecond.
///
/// [A] AWS documents FIFO's limit as transactions per second per action; how it is enforced
/// (window or bucket, and how much burst) is not published.
struct SQSThroughputLimiter {
    private let rate: Int64
    private let capacity: Int64
    private var tokens: Int64
    private var last: SimTime

    init(callsPerSecond: Int, burst: SimTime) {
        rate = Int64(callsPerSecond)
        capacity = max(1_000_000_000, rate * burst.nanoseconds)
        tokens = capacity
        last = .zero
    }

    /// Takes one call's tokens if the bucket holds them.
    mutating func admit(at now: SimTime) -> Bool {
        let elapsed = now.nanoseconds - last.nanoseconds
        last = now
        if elapsed >= (capacity - tokens) / rate + 1 {
            tokens = capacity
        } else {
            tokens += elapsed * rate
        }
        guard tokens >= 1_000_000_000 else { return false }
        tokens -= 1_000_000_000
        return true
    }
}
