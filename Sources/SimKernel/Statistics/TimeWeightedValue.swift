/// A quantity that changes at instants and holds between them (queue length, busy servers):
/// its time average is the integral over time divided by the time.
///
/// The integral since time zero is never reset, so fixed-interval samples can difference
/// it; `mean(at:)` covers the span since the last `reset`.
public struct TimeWeightedValue: Sendable {
    public private(set) var value: Double
    private var lastChange: SimTime
    /// Integral of value dt, in value-nanoseconds, from time zero to `lastChange`.
    private var integral: Double = 0
    private var integralAtReset: Double = 0
    private var resetTime: SimTime

    public init(value: Double = 0, at time: SimTime = .zero) {
        self.value = value
        lastChange = time
        resetTime = time
    }

    public mutating func set(_ newValue: Double, at time: SimTime) {
        integral += value * Double(time.nanoseconds - lastChange.nanoseconds)
        lastChange = time
        value = newValue
    }

    public mutating func add(_ delta: Double, at time: SimTime) {
        set(value + delta, at: time)
    }

    /// The integral from time zero to `time`, in value-nanoseconds.
    public func integral(at time: SimTime) -> Double {
        integral + value * Double(time.nanoseconds - lastChange.nanoseconds)
    }

    public mutating func reset(at time: SimTime) {
        integralAtReset = integral(at: time)
        resetTime = time
    }

    /// The time average since the last reset; the current value if no time has passed.
    public func mean(at time: SimTime) -> Double {
        let span = Double(time.nanoseconds - resetTime.nanoseconds)
        return span > 0 ? (integral(at: time) - integralAtReset) / span : value
    }
}
