import SimKernel

/// A release rolled out to a fleet at a scheduled time. Deployments of one fleet run one at a
/// time, in the order of their times.
public struct DeploymentConfiguration: Sendable {
    public enum Strategy: Sendable {
        case immutableRefresh(InstanceRefreshPreferences)
        case blueGreen(BlueGreenPreferences)
        case inPlace(InPlacePreferences)

        public var name: String {
            switch self {
            case .immutableRefresh: "immutable_refresh"
            case .blueGreen: "blue_green"
            case .inPlace: "in_place"
            }
        }

        /// Whether the rollout launches instances from the release's image (which must be baked).
        public var needsImage: Bool {
            if case .inPlace = self { return false }
            return true
        }
    }

    public var at: SimTime
    /// Index into the scenario's fleets and images.
    public var fleet: Int
    public var image: Int
    public var strategy: Strategy
    /// When the deployment fails, roll back to the release the fleet ran before (off by
    /// default on AWS).
    public var autoRollback: Bool
    public var alarm: DeploymentAlarm?
    /// The deployment fails once this many of its instances fail to configure, to patch or
    /// to stay up until their warm-up ends (assumption).
    public var failedInstancesLimit: Int

    public init(
        at: SimTime, fleet: Int, image: Int, strategy: Strategy, autoRollback: Bool = false, alarm: DeploymentAlarm? = nil,
        failedInstancesLimit: Int = 3
    ) {
        precondition(failedInstancesLimit >= 1)
        self.at = at
        self.fleet = fleet
        self.image = image
        self.strategy = strategy
        self.autoRollback = autoRollback
        self.alarm = alarm
        self.failedInstancesLimit = failedInstancesLimit
    }
}

/// A CloudWatch alarm watched during a deployment: the share of failed calls among those the
/// new release's instances served over one period.
public struct DeploymentAlarm: Sendable {
    public var errorRatio: Double
    public var period: SimTime
    /// Fewer calls in a period say nothing (assumption: 100).
    public var minimumRequests: Int

    public init(errorRatio: Double, period: SimTime = .seconds(60), minimumRequests: Int = 100) {
        precondition((0...1).contains(errorRatio) && period > .zero && minimumRequests >= 1)
        self.errorRatio = errorRatio
        self.period = period
        self.minimumRequests = minimumRequests
    }
}

/// EC2 Auto Scaling instance refresh preferences, with AWS's defaults.
public struct InstanceRefreshPreferences: Sendable {
    public enum ProtectedInstances: String, Sendable, CaseIterable {
        /// Replace them too.
        case refresh
        /// Leave them on the old release; the refresh completes without them (the console's default).
        case ignore
        /// Wait for their protection to end, which no scenario does: the refresh stays unfinished (the CLI's default).
        case wait
    }

    /// In-service instances kept, as a percentage of the desired capacity (90).
    public var minHealthyPercentage: Int
    /// Instances allowed at once, as a percentage of the desired capacity (100: terminate first).
    public var maxHealthyPercentage: Int
    /// Percentages replaced at which the refresh pauses for `checkpointDelay`.
    public var checkpoints: [Int]
    public var checkpointDelay: SimTime
    /// How long a new instance must have been in service before it counts as healthy; nil:
    /// the scaling policy's warm-up (the grace period without one).
    public var instanceWarmup: SimTime?
    /// Wait after the last replacement, alarms still watched, before the refresh succeeds.
    public var bakeTime: SimTime
    /// Leave instances that already run the release (off from the CLI).
    public var skipMatching: Bool
    public var protectedInstances: ProtectedInstances

    public init(
        minHealthyPercentage: Int = 90, maxHealthyPercentage: Int = 100, checkpoints: [Int] = [], checkpointDelay: SimTime = .seconds(3_600),
        instanceWarmup: SimTime? = nil, bakeTime: SimTime = .zero, skipMatching: Bool = false, protectedInstances: ProtectedInstances = .ignore
    ) {
        precondition((0...100).contains(minHealthyPercentage) && (100...200).contains(maxHealthyPercentage))
        self.minHealthyPercentage = minHealthyPercentage
        self.maxHealthyPercentage = maxHealthyPercentage
        self.checkpoints = checkpoints
        self.checkpointDelay = checkpointDelay
        self.instanceWarmup = instanceWarmup
        self.bakeTime = bakeTime
        self.skipMatching = skipMatching
        self.protectedInstances = protectedInstances
    }
}

/// Blue/green: a second group on the new release, traffic switched to it once all of it is
/// in service and warm, the original group kept out of service for `keepOriginal` (to switch
/// back to on a failed alarm) and then terminated.
public struct BlueGreenPreferences: Sendable {
    public var keepOriginal: SimTime

    public init(keepOriginal: SimTime = .seconds(600)) {
        self.keepOriginal = keepOriginal
    }
}

/// In-place patching with Salt: batches of running instances are taken out of service,
/// drained, patched by a highstate and restarted.
public struct InPlacePreferences: Sendable {
    /// Instances patched at once; nil: as many as the minimum healthy percentage allows.
    public var batchSize: Int?
    public var minHealthyPercentage: Int
    /// Drain before patching; nil: the fleet's deregistration delay.
    public var drain: SimTime?
    /// The patch's highstate time; nil: Salt's highstate.
    public var patch: Distribution?
    /// Nil: Salt's failure probability.
    public var failureProbability: Double?
    /// Nil: the fleet's drift probability per patch.
    public var driftProbability: Double?

    public init(
        batchSize: Int? = nil, minHealthyPercentage: Int = 90, drain: SimTime? = nil, patch: Distribution? = nil, failureProbability: Double? = nil,
        driftProbability: Double? = nil
    ) {
        precondition((batchSize ?? 1) >= 1 && (0...100).contains(minHealthyPercentage))
        self.batchSize = batchSize
        self.minHealthyPercentage = minHealthyPercentage
        self.drain = drain
        self.patch = patch
        self.failureProbability = failureProbability
        self.driftProbability = driftProbability
    }
}
