import SimKernel

/// Every fleet together, reported as `fleets`: instance-hours and cost.
public final class FleetsSummary: Component {
    private let fleets: [ComponentLink<FleetStatistics>]

    public init(fleets: [FleetStatistics]) {
        self.fleets = fleets.map { ComponentLink($0) }
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        var hours = 0.0
        var cost = 0.0
        for link in fleets {
            let fleetHours = link.target.instanceHours(at: time)
            hours += fleetHours
            cost += fleetHours * link.target.instanceType.hourlyPrice
        }
        table.append("fleets", "count", "count", Double(fleets.count))
        table.append("fleets", "instance_hours", "h", hours)
        table.append("fleets", "cost", "usd", cost)
    }
}
