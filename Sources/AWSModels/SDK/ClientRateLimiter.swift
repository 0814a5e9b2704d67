import Foundation

/// The adaptive mode's client-side rate limiter: a send-token bucket whose fill rate follows
/// CUBIC on the measured send rate (botocore `ClientRateLimiter` + `CubicCalculator` +
/// `RateClocker`; Java v2 `RateLimitingTokenBucket`).
///
/// The bucket stays disabled (no delays) until the first throttle. Each attempt takes one
/// token; an attempt that finds too few tokens reserves one anyway (the level goes negative)
/// and waits `(1 - level) / fillRate`, so attempts that arrive together queue up as they do
/// behind the SDK's lock. Times are seconds since the simulation started.
public struct ClientRateLimiter: Sendable {
    public let parameters: AdaptiveRateLimiterParameters
    public private(set) var enabled = false
    /// Tokens per second.
    public private(set) var fillRate = 0.0
    public private(set) var maxCapacity = 0.0
    /// Tokens held; negative while attempts are waiting for reserved tokens.
    public private(set) var currentCapacity = 0.0
    private var lastTimestamp: Double?
    /// The smoothed rate of responses per second.
    public private(set) var measuredRate = 0.0
    private var lastRateBucket: Double
    private var requestCount = 0.0
    /// CUBIC state: the rate at the last throttle, when it happened, and the time to regain it.
    public private(set) var lastMaxRate = 0.0
    private var lastThrottleTime: Double
    private var timeWindow = 0.0

    public init(parameters: AdaptiveRateLimiterParameters = AdaptiveRateLimiterParameters(), at now: Double = 0) {
        self.parameters = parameters
        lastRateBucket = now.rounded(.down)
        lastThrottleTime = now
    }

    /// Takes one token for an attempt about to be sent; returns how long it must wait, in seconds.
    public mutating func acquire(at now: Double) -> Double {
        guard enabled else { return 0 }
        refill(at: now)
        let wait = currentCapacity >= 1 ? 0 : (1 - currentCapacity) / fillRate
        currentCapacity -= 1
        return wait
    }

    /// Updates the send rate after a response, throttled or not.
    public mutating func update(throttled: Bool, at now: Double) {
        updateMeasuredRate(at: now)
        let calculated: Double
        if throttled {
            let rateToUse = enabled ? min(measuredRate, fillRate) : measuredRate
            lastMaxRate = rateToUse
            calculateTimeWindow()
            lastThrottleTime = now
            calculated = rateToUse * parameters.beta
            enabled = true
        } else {
            calculateTimeWindow()
            let dt = now - lastThrottleTime - timeWindow
            calculated = parameters.scale * dt * dt * dt + lastMaxRate
        }
        setRate(min(calculated, parameters.maxRateAdjustScale * measuredRate), at: now)
    }

    private mutating func calculateTimeWindow() {
        timeWindow = cbrt(lastMaxRate * (1 - parameters.beta) / parameters.scale)
    }

    private mutating func updateMeasuredRate(at now: Double) {
        let scale = 1 / parameters.measurementBucket
        let bucket = (now * scale).rounded(.down) / scale
        requestCount += 1
        if bucket > lastRateBucket {
            let current = requestCount / (bucket - lastRateBucket)
            measuredRate = current * parameters.smooth + measuredRate * (1 - parameters.smooth)
            requestCount = 0
            lastRateBucket = bucket
        }
    }

    private mutating func setRate(_ rate: Double, at now: Double) {
        refill(at: now)
        fillRate = max(rate, parameters.minFillRate)
        maxCapacity = max(rate, parameters.minCapacity)
        currentCapacity = min(currentCapacity, maxCapacity)
    }

    private mutating func refill(at now: Double) {
        guard let last = lastTimestamp else {
            lastTimestamp = now
            return
        }
        if now > last {
            currentCapacity = min(maxCapacity, currentCapacity + (now - last) * fillRate)
            lastTimestamp = now
        }
    }
}
