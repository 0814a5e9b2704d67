import Provisioning
import SimKernel

/// A validated scenario: everything a run needs, and where it came from.
public struct Scenario: Sendable {
    public var name: String
    /// The question the scenario answers, for reports.
    public var description: String
    public var seed: UInt64
    public var duration: SimTime
    /// Statistics restart at the end of the warm-up.
    public var warmup: SimTime
    public var replications: Int
    public var sampleInterval: SimTime
    public var generator: RandomStream.Generator
    /// A textbook queueing network (`sources:` and `stations:`), if the scenario has one.
    public var network: NetworkConfiguration?
    /// The architecture (`services:`, `edge:`, `traffic:` ...), if the scenario has one.
    public var platform: Platform?
    /// The tenant sign-up workflow (`provisioning:`), if the scenario has one.
    public var provisioning: ProvisioningConfiguration?
    /// The grid of `sweep:`, if the scenario has one (`rehearse run` ignores it).
    public var sweep: SweepDefinition?
    /// Where the scenario was read from, and its text (for the run's record and report).
    public var file: String
    public var text: String
    /// Command-line overrides applied to the text, as given.
    public var overrides: [String]
    /// Things worth knowing that do not stop a run, such as an unstable station.
    public var warnings: [Diagnostic]

    /// Distinguishes runs of the same scenario with different overrides in concatenated CSVs.
    public var variant: String {
        overrides.isEmpty ? "default" : overrides.joined(separator: ";")
    }

    public static let maximumReplications = 10_000
}
