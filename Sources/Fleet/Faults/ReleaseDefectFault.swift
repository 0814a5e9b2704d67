import SimKernel

/// A fault: a bad build. From its time on, the fleets' instances on the release serve with
/// more errors or more slowly, until they are replaced or patched to another release.
public final class ReleaseDefectFault: Component {
    private let defect: ReleaseDefect
    /// The index of the defect in each fleet's list (they all hold every defect).
    private let index: Int
    private let fleets: [ComponentLink<Fleet>]

    public init(_ defect: ReleaseDefect, index: Int, fleets: [Fleet]) {
        self.defect = defect
        self.index = index
        self.fleets = fleets.map { ComponentLink($0) }
    }

    public func schedule(in simulation: Simulation) {
        simulation.schedule(at: defect.at, target: id, kind: 1)
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        for link in fleets { link.target.defectAppeared(index, in: simulation) }
    }
}
