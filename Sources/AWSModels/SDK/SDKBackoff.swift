import SimKernel

/// Exponential backoff with full jitter, as the standard and adaptive modes compute it.
public enum SDKBackoff {
    /// The delay before retry number `retry` (0 for the first retry) given a uniform draw `u`
    /// in [0, 1): `u * min(base * 2^retry, cap)` when the cap applies before jitter, else
    /// `min(u * base * 2^retry, cap)`.
    public static func delay(retry: Int, base: SimTime, cap: SimTime, capBeforeJitter: Bool, uniform u: Double) -> SimTime {
        precondition(retry >= 0 && u >= 0 && u <= 1)
        let growth = Double(sign: .plus, exponent: min(retry, 1000), significand: 1)
        let exponential = base.seconds * growth
        let seconds = capBeforeJitter ? u * min(exponential, cap.seconds) : min(u * exponential, cap.seconds)
        return SimTime(seconds: seconds)
    }

    /// The largest delay retry number `retry` can draw: `min(base * 2^retry, cap)`.
    public static func ceiling(retry: Int, base: SimTime, cap: SimTime) -> SimTime {
        let growth = Double(sign: .plus, exponent: min(retry, 1000), significand: 1)
        return SimTime(seconds: min(base.seconds * growth, cap.seconds))
    }
}
