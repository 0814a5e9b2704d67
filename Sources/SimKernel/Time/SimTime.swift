/// A point in simulated time, or a span of it: a whole number of nanoseconds.
///
/// Integer nanoseconds keep time exact over any horizon (2^63 ns is 292 years), so two runs
/// that schedule the same events reach the same instants with no floating-point drift.
/// Distributions sample seconds as `Double` and are rounded to nanoseconds once, here.
public struct SimTime: Hashable, Comparable, Sendable {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public static let zero = SimTime(nanoseconds: 0)
    public static let infinity = SimTime(nanoseconds: .max)

    public static func nanoseconds(_ value: Int64) -> SimTime { SimTime(nanoseconds: value) }
    public static func microseconds(_ value: Int64) -> SimTime { SimTime(nanoseconds: value * 1_000) }
    public static func milliseconds(_ value: Int64) -> SimTime { SimTime(nanoseconds: value * 1_000_000) }
    public static func seconds(_ value: Int64) -> SimTime { SimTime(nanoseconds: value * 1_000_000_000) }

    /// Rounds a span given in seconds to the nearest nanosecond. Spans beyond the
    /// representable range saturate at `infinity`, so a heavy-tailed draw cannot trap.
    public init(seconds: Double) {
        let ns = seconds * 1e9
        if ns >= 9.2e18 {
            self.nanoseconds = .max
        } else if ns <= -9.2e18 {
            self.nanoseconds = .min
        } else {
            // Half away from zero by truncation: `rounded()` is a libm call on baseline x86-64.
            self.nanoseconds = Int64(ns + (ns < 0 ? -0.5 : 0.5))
        }
    }

    /// This time in seconds, for statistics and reports. A division, not a multiplication by
    /// 1e-9, so that the result is the double nearest the exact value (300 ms is 0.3).
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    public static func < (lhs: SimTime, rhs: SimTime) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: SimTime, rhs: SimTime) -> SimTime {
        SimTime(nanoseconds: lhs.nanoseconds + rhs.nanoseconds)
    }

    public static func - (lhs: SimTime, rhs: SimTime) -> SimTime {
        SimTime(nanoseconds: lhs.nanoseconds - rhs.nanoseconds)
    }

    public static func += (lhs: inout SimTime, rhs: SimTime) { lhs.nanoseconds += rhs.nanoseconds }

    public static func * (lhs: SimTime, rhs: Int64) -> SimTime {
        SimTime(nanoseconds: lhs.nanoseconds * rhs)
    }
}
