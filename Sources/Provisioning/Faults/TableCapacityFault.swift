import AWSModels
import SimKernel

/// Applies a `TableCapacityCut` to a provisioned table: UpdateTable down at the start, back
/// to the table's configured capacity at the end.
public final class TableCapacityFault: Component {
    private let table: DynamoDBTable
    private let cut: TableCapacityCut

    private enum Kind: UInt32 {
        case cut = 1
        case restore
    }

    public init(table: DynamoDBTable, cut: TableCapacityCut) {
        guard case .provisioned = table.configuration.mode else {
            preconditionFailure("only a provisioned table's capacity can be cut")
        }
        self.table = table
        self.cut = cut
    }

    public func schedule(in simulation: Simulation) {
        simulation.schedule(at: cut.start, target: id, kind: Kind.cut.rawValue)
        if let duration = cut.duration {
            simulation.schedule(at: cut.start + duration, target: id, kind: Kind.restore.rawValue)
        }
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        switch Kind(rawValue: event.kind) {
        case .cut:
            table.setProvisionedThroughput(readUnits: cut.readUnits, writeUnits: cut.writeUnits, in: simulation)
        case .restore:
            guard case .provisioned(let read, let write) = table.configuration.mode else { return }
            table.setProvisionedThroughput(readUnits: read, writeUnits: write, in: simulation)
        case nil:
            preconditionFailure("unknown table capacity fault event \(event.kind)")
        }
    }
}
