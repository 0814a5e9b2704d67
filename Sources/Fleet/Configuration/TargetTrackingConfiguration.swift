import SimKernel

/// A target-tracking scaling policy: keep a metric of the in-service instances near a target.
/// The alarms follow what AWS creates for such a policy: scale out after `scaleOutDatapoints`
/// consecutive periods above the target, scale in after `scaleInDatapoints` consecutive periods
/// below `scaleInRatio` of it; the new capacity is proportional, ceil(instances * metric / target).
public struct TargetTrackingConfiguration: Sendable {
    public enum Metric: String, Sendable, CaseIterable {
        /// Busy request slots over all slots of the in-service instances (a ratio).
        case cpuUtilization = "cpu_utilization"
        /// Requests each in-service instance served per minute (ALBRequestCountPerTarget).
        case requestsPerInstance = "requests_per_instance"
        /// Messages waiting in the queue the fleet's workers drain, per in-service instance
        /// (ApproximateNumberOfMessagesVisible / GroupInServiceInstances, AWS's advice for
        /// queue workers); the target is the backlog one instance may acceptably hold. Read
        /// from the fleet's `metricSource`.
        case backlogPerInstance = "backlog_per_instance"
    }

    public var metric: Metric
    public var target: Double
    /// The metric's resolution: CloudWatch's one-minute period.
    public var period: SimTime
    public var scaleOutDatapoints: Int
    public var scaleInDatapoints: Int
    public var scaleInRatio: Double
    /// How long a new instance's metrics are left out, and it counts as still arriving; nil:
    /// the health check grace period, as AWS does without a default instance warm-up.
    public var instanceWarmup: SimTime?
    /// Least time after a scale-out before the next one, and after any scaling before a
    /// scale-in.
    public var scaleOutCooldown: SimTime
    public var scaleInCooldown: SimTime
    public var disableScaleIn: Bool

    public init(
        metric: Metric, target: Double, period: SimTime = .seconds(60), scaleOutDatapoints: Int = 3, scaleInDatapoints: Int = 15,
        scaleInRatio: Double = 0.9, instanceWarmup: SimTime? = nil, scaleOutCooldown: SimTime = .zero,
        scaleInCooldown: SimTime = .seconds(300), disableScaleIn: Bool = false
    ) {
        precondition(target > 0 && period > .zero && scaleOutDatapoints >= 1 && scaleInDatapoints >= 1)
        precondition(scaleInRatio > 0 && scaleInRatio <= 1 && scaleOutCooldown >= .zero && scaleInCooldown >= .zero)
        self.metric = metric
        self.target = target
        self.period = period
        self.scaleOutDatapoints = scaleOutDatapoints
        self.scaleInDatapoints = scaleInDatapoints
        self.scaleInRatio = scaleInRatio
        self.instanceWarmup = instanceWarmup
        self.scaleOutCooldown = scaleOutCooldown
        self.scaleInCooldown = scaleInCooldown
        self.disableScaleIn = disableScaleIn
    }
}
