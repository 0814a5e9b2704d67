import SimKernel

/// Packer's amazon-ebs bakes (spec §4.1, every number an assumption): provisioning a
/// temporary instance, then snapshotting and registering the AMI, on a limited number of
/// concurrent builders (AWS API rate limits make more parallel bakes slower and flakier).
public struct PackerConfiguration: Sendable {
    public var builders: Int
    public var provision: Distribution
    public var snapshot: Distribution
    /// A bake attempt fails at its end (2 to 5% per bake).
    public var failureProbability: Double
    /// Attempts after the first before the image counts as failed.
    public var retries: Int

    public init(
        builders: Int = 2, provision: Distribution = .lognormal(median: 360, p99: 900), snapshot: Distribution = .lognormal(median: 240, p99: 1_200),
        failureProbability: Double = 0.03, retries: Int = 2
    ) {
        precondition(builders >= 1 && (0...1).contains(failureProbability) && retries >= 0)
        self.builders = builders
        self.provision = provision
        self.snapshot = snapshot
        self.failureProbability = failureProbability
        self.retries = retries
    }
}
