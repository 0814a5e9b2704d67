import Infra
import SimKernel

/// A fault: a zone fails. Every fleet instance in it crashes and the fleets launch elsewhere;
/// instances of services not on a fleet crash too, and come back when the zone does.
public final class ZoneOutage: Component {
    private let configuration: ZoneOutageConfiguration
    private let fleets: [ComponentLink<Fleet>]
    private let instances: [ComponentLink<ServiceInstance>]

    private enum Kind: UInt32 {
        case fail = 1
        case recover
    }

    /// `instances` are the zone's instances of services that are not on a fleet.
    public init(_ configuration: ZoneOutageConfiguration, fleets: [Fleet], instances: [ServiceInstance]) {
        self.configuration = configuration
        self.fleets = fleets.map { ComponentLink($0) }
        self.instances = instances.map { ComponentLink($0) }
    }

    public func schedule(in simulation: Simulation) {
        simulation.schedule(at: configuration.at, target: id, kind: Kind.fail.rawValue)
        if let duration = configuration.duration {
            simulation.schedule(at: configuration.at + duration, target: id, kind: Kind.recover.rawValue)
        }
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        let zone = Zone(configuration.zone)
        switch Kind(rawValue: event.kind) {
        case .fail:
            for link in instances { link.target.crash(in: simulation) }
            for link in fleets { link.target.zoneFailed(zone, in: simulation) }
        case .recover:
            for link in instances { link.target.isUp = true }
            for link in fleets { link.target.zoneRecovered(zone, in: simulation) }
        case nil:
            preconditionFailure("unknown zone outage event \(event.kind)")
        }
    }
}
