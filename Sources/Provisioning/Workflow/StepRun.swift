import SimKernel

/// One run of a step, decided when it starts: when it ends, whether it succeeds, and whether
/// it does the work itself or only waits for (or finds) the run its idempotency key names.
public struct StepRun: Sendable, Equatable {
    public var end: SimTime
    public var succeeds: Bool
    public var doesWork: Bool

    public init(end: SimTime, succeeds: Bool, doesWork: Bool) {
        self.end = end
        self.succeeds = succeeds
        self.doesWork = doesWork
    }
}
