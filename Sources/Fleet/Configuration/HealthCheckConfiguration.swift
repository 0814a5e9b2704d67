import SimKernel

/// How the Auto Scaling group learns that an instance died: EC2 status checks or the load
/// balancer's health checks. A failed instance is noticed at its `unhealthyThreshold`-th
/// failed check, and never before its grace period (from entering service) is over.
public struct HealthCheckConfiguration: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case ec2
        case elb
    }

    public var kind: Kind
    public var interval: SimTime
    public var unhealthyThreshold: Int
    /// Failed checks are ignored this long after an instance enters service. Auto Scaling's
    /// default is 300 s from the console and 0 from the API or CLI.
    public var gracePeriod: SimTime

    public init(kind: Kind, interval: SimTime, unhealthyThreshold: Int, gracePeriod: SimTime) {
        precondition(interval > .zero && unhealthyThreshold >= 1 && gracePeriod >= .zero)
        self.kind = kind
        self.interval = interval
        self.unhealthyThreshold = unhealthyThreshold
        self.gracePeriod = gracePeriod
    }

    /// Defaults per kind: an ELB target group checks every 30 s and marks a target unhealthy
    /// after 2 failures (ELB's defaults); EC2 status checks run every minute (the threshold of
    /// 2 is an assumption). Grace period 300 s, the console's value.
    public static func defaults(_ kind: Kind) -> HealthCheckConfiguration {
        switch kind {
        case .elb: HealthCheckConfiguration(kind: .elb, interval: .seconds(30), unhealthyThreshold: 2, gracePeriod: .seconds(300))
        case .ec2: HealthCheckConfiguration(kind: .ec2, interval: .seconds(60), unhealthyThreshold: 2, gracePeriod: .seconds(300))
        }
    }

    /// How long after a crash the checks notice it, with the first check falling at a uniform
    /// point `phase` (in [0, 1)) of the interval.
    public func detectionDelay(phase: Double) -> SimTime {
        SimTime(seconds: interval.seconds * (phase + Double(unhealthyThreshold - 1)))
    }
}
