import Infra
import SimKernel

/// One fleet: an Auto Scaling group of instances of one type, launched from an image, running
/// one service's instances.
public struct FleetConfiguration: Sendable {
    public var name: String
    /// The service whose instances the fleet runs.
    public var service: String
    /// Index into the scenario's images: the release the fleet starts on.
    public var image: Int
    public var instanceType: InstanceType
    /// The zones the group spreads over, balanced.
    public var zones: [Zone]
    public var minSize: Int
    public var maxSize: Int
    public var desiredCapacity: Int
    public var launch: LaunchTimings
    public var healthCheck: HealthCheckConfiguration
    /// How long a deregistered instance may finish the calls it holds (ELB's default is 300 s).
    public var deregistrationDelay: SimTime
    /// Mean time between failures of one running instance (exponential); nil: none fail.
    public var meanTimeBetweenFailures: SimTime?
    public var drift: DriftConfiguration
    public var autoscaling: TargetTrackingConfiguration?
    /// This many of the initial instances are protected from scale-in.
    public var protectedInstances: Int
    public var warmPool: WarmPoolConfiguration?

    public init(
        name: String, service: String, image: Int, instanceType: InstanceType, zones: [Zone], minSize: Int, maxSize: Int, desiredCapacity: Int,
        launch: LaunchTimings = .defaults, healthCheck: HealthCheckConfiguration = .defaults(.elb), deregistrationDelay: SimTime = .seconds(300),
        meanTimeBetweenFailures: SimTime? = nil, drift: DriftConfiguration = DriftConfiguration(), autoscaling: TargetTrackingConfiguration? = nil,
        protectedInstances: Int = 0, warmPool: WarmPoolConfiguration? = nil
    ) {
        precondition(!zones.isEmpty && minSize >= 0 && minSize <= desiredCapacity && desiredCapacity <= maxSize && maxSize >= 1)
        precondition(protectedInstances >= 0 && protectedInstances <= desiredCapacity && deregistrationDelay >= .zero)
        self.name = name
        self.service = service
        self.image = image
        self.instanceType = instanceType
        self.zones = zones
        self.minSize = minSize
        self.maxSize = maxSize
        self.desiredCapacity = desiredCapacity
        self.launch = launch
        self.healthCheck = healthCheck
        self.deregistrationDelay = deregistrationDelay
        self.meanTimeBetweenFailures = meanTimeBetweenFailures
        self.drift = drift
        self.autoscaling = autoscaling
        self.protectedInstances = protectedInstances
        self.warmPool = warmPool
    }

    /// How long a new instance's metrics are left out of scaling decisions.
    public var scalingWarmup: SimTime {
        autoscaling?.instanceWarmup ?? healthCheck.gracePeriod
    }
}
