import SimKernel

/// A fault: at `start` the tenant table's provisioned capacity drops to these units (an
/// UpdateTable gone wrong, an autoscaling policy that scaled in), and after `duration` it
/// returns to what it was; nil duration keeps it cut to the end of the run.
public struct TableCapacityCut: Sendable, Equatable {
    public var start: SimTime
    public var readUnits: Double
    public var writeUnits: Double
    public var duration: SimTime?

    public init(start: SimTime, readUnits: Double, writeUnits: Double, duration: SimTime?) {
        precondition(readUnits >= 0 && writeUnits >= 0 && readUnits + writeUnits > 0, "a provisioned table keeps some capacity")
        self.start = start
        self.readUnits = readUnits
        self.writeUnits = writeUnits
        self.duration = duration
    }
}
