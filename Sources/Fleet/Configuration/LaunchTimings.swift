import Foundation
import SimKernel

/// How long an instance takes from RunInstances to a running application (spec §4.2).
public struct LaunchTimings: Sendable {
    /// RunInstances until the instance runs (EC2's control plane); also a stopped warm-pool
    /// instance's start.
    public var pending: Distribution
    /// Operating-system boot until the instance answers.
    public var boot: Distribution
    /// The application's own start after configuration, until it passes its health check.
    public var appBootstrap: Distribution
    /// Whether a fresh instance runs a Salt highstate at boot (converge at boot); false for
    /// fully baked images.
    public var configureAtBoot: Bool

    public init(pending: Distribution, boot: Distribution, appBootstrap: Distribution, configureAtBoot: Bool) {
        self.pending = pending
        self.boot = boot
        self.appBootstrap = appBootstrap
        self.configureAtBoot = configureAtBoot
    }

    /// The spec's assumed defaults: the control plane lognormal with median 20 s and p95
    /// 40 s (p99 53.3 s), with a second mode around 80 s 5% of the time (slow EBS hydration;
    /// its p99 of 120 s is ours); OS boot median 5 s (p99 15 s, ours); application bootstrap
    /// 60 s.
    public static let defaults = LaunchTimings(
        pending: .mixture(Mixture(
            components: [.lognormal(median: 20, p99: 20 * LaunchTimings.p95ToP99(2)), .lognormal(median: 80, p99: 120)],
            weights: [0.95, 0.05])),
        boot: .lognormal(median: 5, p99: 15),
        appBootstrap: .constant(60),
        configureAtBoot: true)

    /// The ratio p99 / median of a lognormal whose p95 / median is `ratio`.
    static func p95ToP99(_ ratio: Double) -> Double {
        exp(log(ratio) / z95 * Distribution.z99)
    }

    /// The standard normal quantile of 0.95.
    static let z95 = 1.6448536269514722
}
