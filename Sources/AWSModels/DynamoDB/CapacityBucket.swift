import SimKernel

/// A token bucket refilled continuously and lazily: `level` grows by `rate` per second up to
/// `capacity`, brought up to date whenever it is read, so buckets cost no events.
struct CapacityBucket: Sendable {
    private(set) var level: Double
    private(set) var rate: Double
    private(set) var capacity: Double
    private var updated: SimTime

    init(rate: Double, capacity: Double, full: Bool, at time: SimTime) {
        self.rate = rate
        self.capacity = capacity
        level = full ? capacity : 0
        updated = time
    }

    /// The level at `time` (not before the last update).
    mutating func refill(at time: SimTime) {
        guard time > updated else { return }
        if level < capacity {
            level = min(capacity, level + rate * (time - updated).seconds)
        }
        updated = time
    }

    mutating func available(at time: SimTime) -> Double {
        refill(at: time)
        return level
    }

    /// Takes `amount`, which must be available.
    mutating func take(_ amount: Double) {
        level -= amount
    }

    /// Takes what it can of `amount` at `time`, never going below zero.
    mutating func drain(_ amount: Double, at time: SimTime) {
        refill(at: time)
        level = max(0, level - amount)
    }

    /// Sets the level (clamped to the capacity), after refilling to `time`.
    mutating func set(level newLevel: Double, at time: SimTime) {
        refill(at: time)
        level = min(capacity, max(0, newLevel))
    }

    /// Changes rate and capacity from `time` on; the level keeps what it held, up to the new capacity.
    mutating func reconfigure(rate newRate: Double, capacity newCapacity: Double, at time: SimTime) {
        refill(at: time)
        rate = newRate
        capacity = newCapacity
        level = min(level, newCapacity)
    }
}
