/// The service's counters (what Redis holds for it): one per domain, descriptor entries and
/// fixed window, incremented by `INCRBY` semantics.
///
/// Windows are aligned to their unit in Unix seconds (`start = floor(now / unit) × unit`).
/// Each unit keeps only its current window: a counter whose window has ended can never be
/// read again (its key names the window), so it is dropped, as Redis expires it, and the
/// store holds at most the keys of the current windows. Nothing iterates the counters, so
/// hash order never reaches results. Time must not go back (calls come in simulated-time
/// order).
public struct FixedWindowCounters: Sendable {
    struct Key: Hashable, Sendable {
        var domain: String
        var entries: [RateLimitEntry]
    }

    private struct Counter: Sendable {
        var hits: UInt64 = 0
        /// Known to be over its limit this window (the service's optional local cache).
        var overLimitCached = false
    }

    private struct Window: Sendable {
        var start = Int64.min
        var end = Int64.min
        var counters: [Key: Counter] = [:]
    }

    private var windows = [Window](repeating: Window(), count: RateLimitUnit.allCases.count)

    public init() {}

    /// The first second of the `unit` window holding Unix second `now`.
    public static func windowStart(_ unit: RateLimitUnit, unixSeconds now: Int64) -> Int64 {
        let length = unit.seconds
        let quotient = now / length
        return (now % length < 0 ? quotient - 1 : quotient) * length
    }

    /// Counters alive now (in windows that have not ended as of the last call).
    public var activeCounters: Int { windows.reduce(0) { $0 + $1.counters.count } }

    /// Drops the counters of every window that has ended by Unix second `now`.
    public mutating func expire(unixSeconds now: Int64) {
        for unit in windows.indices where now >= windows[unit].end && !windows[unit].counters.isEmpty {
            windows[unit].counters.removeAll(keepingCapacity: true)
        }
    }

    /// The value of a counter in the window holding `now` (0 when absent).
    public func value(domain: String, entries: [RateLimitEntry], unit: RateLimitUnit, unixSeconds now: Int64) -> UInt64 {
        let window = windows[unit.index]
        guard window.start == Self.windowStart(unit, unixSeconds: now) else { return 0 }
        return window.counters[Key(domain: domain, entries: entries)]?.hits ?? 0
    }

    /// `INCRBY key hits`: the counter's value after the increment.
    mutating func increment(_ key: Key, unit: RateLimitUnit, by hits: UInt64, unixSeconds now: Int64) -> UInt64 {
        let index = enter(unit, unixSeconds: now)
        return Self.add(hits, to: &windows[index].counters[key, default: Counter()])
    }

    private static func add(_ hits: UInt64, to counter: inout Counter) -> UInt64 {
        counter.hits &+= hits
        return counter.hits
    }

    func isCachedOverLimit(_ key: Key, unit: RateLimitUnit, unixSeconds now: Int64) -> Bool {
        let window = windows[unit.index]
        guard window.start == Self.windowStart(unit, unixSeconds: now) else { return false }
        return window.counters[key]?.overLimitCached ?? false
    }

    mutating func cacheOverLimit(_ key: Key, unit: RateLimitUnit, unixSeconds now: Int64) {
        let index = enter(unit, unixSeconds: now)
        windows[index].counters[key, default: Counter()].overLimitCached = true
    }

    /// Makes the window holding `now` the unit's current one.
    private mutating func enter(_ unit: RateLimitUnit, unixSeconds now: Int64) -> Int {
        let index = unit.index
        let start = Self.windowStart(unit, unixSeconds: now)
        if start != windows[index].start {
            precondition(start > windows[index].start, "rate-limit counters must be used in time order")
            windows[index].counters.removeAll(keepingCapacity: true)
            windows[index].start = start
            windows[index].end = start + unit.seconds
        }
        return index
    }
}
