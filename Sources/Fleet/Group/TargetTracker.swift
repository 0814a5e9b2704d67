import Foundation
import SimKernel

/// The decisions of a target-tracking policy, one metric datapoint at a time: its two alarms
/// (consecutive datapoints above the target, or below a share of it), the proportional new
/// capacity, the cooldowns, and no scale-in while instances are still warming up.
struct TargetTracker {
    let configuration: TargetTrackingConfiguration
    let minSize: Int
    let maxSize: Int
    private(set) var above = 0
    private(set) var below = 0
    private(set) var lastScaleOut: SimTime?
    private(set) var lastScaling: SimTime?

    init(_ configuration: TargetTrackingConfiguration, minSize: Int, maxSize: Int) {
        self.configuration = configuration
        self.minSize = minSize
        self.maxSize = maxSize
    }

    /// One period's datapoint: the metric over `instances` (time-averaged count of warm
    /// in-service instances), nil when none reported. Returns the new desired capacity, if
    /// it changes.
    mutating func datapoint(_ metric: Double?, instances: Double, desired: Int, warming: Bool, at now: SimTime) -> Int? {
        guard let metric, instances > 0 else {
            // Insufficient data: neither alarm stays in alarm.
            above = 0
            below = 0
            return nil
        }
        let target = configuration.target
        above = metric > target ? above + 1 : 0
        below = metric < target * configuration.scaleInRatio ? below + 1 : 0
        // A hair below an integer is that integer: the product carries rounding error.
        let required = Int(ceil(instances * metric / target - 1e-9))
        if above >= configuration.scaleOutDatapoints {
            if let last = lastScaleOut, now - last < configuration.scaleOutCooldown { return nil }
            let capacity = min(maxSize, max(desired, required))
            guard capacity > desired else { return nil }
            lastScaleOut = now
            lastScaling = now
            return capacity
        }
        if below >= configuration.scaleInDatapoints, !configuration.disableScaleIn, !warming {
            if let last = lastScaling, now - last < configuration.scaleInCooldown { return nil }
            let capacity = max(minSize, required)
            guard capacity < desired else { return nil }
            lastScaling = now
            return capacity
        }
        return nil
    }
}
