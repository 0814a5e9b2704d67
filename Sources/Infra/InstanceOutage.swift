import SimKernel

/// A fault: some instances crash at a time and come back after a while. The calls they hold
/// are reset; while down they refuse connections, so calls fail fast and health checks fail.
public final class InstanceOutage: Component {
    private let instances: [ServiceInstance]
    private let start: SimTime
    private let duration: SimTime?

    private enum Kind: UInt32 {
        case stop = 1
        case restart
    }

    /// `duration` nil: the instances stay down until the end of the run.
    public init(instances: [ServiceInstance], at start: SimTime, for duration: SimTime?) {
        self.instances = instances
        self.start = start
        self.duration = duration
    }

    public func schedule(in simulation: Simulation) {
        simulation.schedule(at: start, target: id, kind: Kind.stop.rawValue)
        if let duration {
            simulation.schedule(at: start + duration, target: id, kind: Kind.restart.rawValue)
        }
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        let up = event.kind == Kind.restart.rawValue
        for instance in instances {
            if up { instance.isUp = true } else { instance.crash(in: simulation) }
        }
    }
}
