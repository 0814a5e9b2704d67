import Foundation
import SimKernel

/// How busy a region is at a simulated time, relative to its busiest hour: a diurnal curve
/// times an optional weekly pattern, both read on the region's clock.
///
/// With `h` the calendar hour (hours since Monday 00:00 UTC of the starting week, advancing
/// `speed` calendar hours per simulated hour from `startWeekday * 24 + startHourUTC`):
///
///     local(h)   = h + utcOffsetHours
///     diurnal(x) = trough + (1 - trough) * (1 + cos(2 pi (x - peakHour) / 24)) / 2
///     weekly(x)  = weekly[floor(x / 24) mod 7]     (1 when no weekly pattern)
///     activity   = diurnal(peakClock == .local ? local(h) : h) * weekly(local(h))
///
/// The diurnal curve is a raised cosine: 1 at the peak hour, `trough` twelve hours away,
/// smooth everywhere, and its mean over a day is (1 + trough) / 2. Weekly factors are a step
/// at local midnight, where the diurnal curve is usually low anyway.
public struct ActivityCalendar: Sendable {
    public enum PeakClock: Sendable {
        /// Every region peaks at the same instant, `peakHour` UTC.
        case utc
        /// Every region peaks at `peakHour` of its own local time.
        case local
    }

    public var peakHour: Double
    public var peakClock: PeakClock
    public var trough: Double
    /// Factors Monday to Sunday in local days; nil for none.
    public var weekly: [Double]?
    public var startHourUTC: Double
    /// 0 is Monday.
    public var startWeekday: Int
    /// Calendar hours per simulated hour: above 1 compresses a day into a shorter run.
    public var speed: Double

    public init(
        peakHour: Double, peakClock: PeakClock, trough: Double, weekly: [Double]? = nil, startHourUTC: Double = 0,
        startWeekday: Int = 0, speed: Double = 1
    ) {
        precondition((0..<24).contains(peakHour) && (0...1).contains(trough) && (0..<24).contains(startHourUTC))
        precondition((0..<7).contains(startWeekday) && speed > 0 && speed.isFinite)
        precondition(weekly.map { $0.count == 7 && $0.allSatisfy { $0 >= 0 && $0.isFinite } && $0.contains { $0 > 0 } } ?? true)
        self.peakHour = peakHour
        self.peakClock = peakClock
        self.trough = trough
        self.weekly = weekly
        self.startHourUTC = startHourUTC
        self.startWeekday = startWeekday
        self.speed = speed
    }

    /// The calendar hour (since Monday 00:00 UTC of the starting week) at simulated `seconds`.
    @inline(__always)
    public func calendarHour(atSeconds seconds: Double) -> Double {
        Double(startWeekday) * 24 + startHourUTC + seconds * speed / 3600
    }

    /// The activity of a region `utcOffsetHours` from UTC at simulated `seconds`, in
    /// [0, maximum].
    @inline(__always)
    public func activity(atSeconds seconds: Double, utcOffsetHours: Double) -> Double {
        let hour = calendarHour(atSeconds: seconds)
        let local = hour + utcOffsetHours
        let phase = (peakClock == .local ? local : hour) - peakHour
        let diurnal = trough + (1 - trough) * (1 + cos(2 * Double.pi * phase / 24)) / 2
        guard let weekly else { return diurnal }
        var day = Int((local / 24).rounded(.down)) % 7
        if day < 0 { day += 7 }
        return diurnal * weekly[day]
    }

    /// The largest activity any hour can have: the thinning bound.
    public var maximum: Double { weekly?.max() ?? 1 }
}
