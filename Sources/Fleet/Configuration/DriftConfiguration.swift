import SimKernel

/// Configuration drift of servers changed in place (spec §4.4; every number an assumption,
/// as no rate is published). A patched instance drifts with `patchProbability`, and once
/// patched in place keeps drifting at a Poisson rate of one per `meanTimeToDrift`; a drifted
/// instance serves worse until it is replaced. Instances replaced from baked images never drift.
public struct DriftConfiguration: Sendable {
    public var patchProbability: Double
    /// Nil: no drift besides the patches'.
    public var meanTimeToDrift: SimTime?
    /// Added failure probability of a drifted instance's calls.
    public var errorProbability: Double
    /// A drifted instance's speed factor (0.8: service takes 25% longer).
    public var speed: Double

    public init(patchProbability: Double = 0.05, meanTimeToDrift: SimTime? = .seconds(30 * 86_400), errorProbability: Double = 0.01, speed: Double = 0.8) {
        precondition((0...1).contains(patchProbability) && (0...1).contains(errorProbability) && speed > 0)
        self.patchProbability = patchProbability
        self.meanTimeToDrift = meanTimeToDrift
        self.errorProbability = errorProbability
        self.speed = speed
    }
}
