/// How many instance slots a fleet needs, per zone and in all. Slots are fixed (an instance
/// of a service keeps its zone), and a launch takes a free slot in the zone it goes to.
///
/// Each zone holds enough slots for the fleet's whole prepared capacity (maximum size, or the
/// warm pool's maximum prepared capacity) spread over one zone fewer, so the fleet survives a
/// zone outage; twice that with blue/green deployments (two groups live at once); plus the
/// instances a refresh or an in-place rollout takes out while their replacements launch, the
/// refresh's surge, and AZ rebalancing's allowance (10% of the maximum, at least one).
public struct SlotLayout: Sendable {
    public let slotsPerZone: Int
    public let zones: Int

    public init(_ fleet: FleetConfiguration, deployments: [DeploymentConfiguration]) {
        let capacity = max(fleet.maxSize, fleet.warmPool?.maxPreparedCapacity ?? 0)
        var groups = 1
        var extra = max(1, (fleet.maxSize + 9) / 10)
        for deployment in deployments {
            switch deployment.strategy {
            case .blueGreen:
                groups = 2
            case .immutableRefresh(let preferences):
                let surge = (fleet.maxSize * (preferences.maxHealthyPercentage - 100) + 99) / 100
                let batch = fleet.maxSize - fleet.maxSize * preferences.minHealthyPercentage / 100
                extra = max(extra, surge + max(batch, 1) + max(1, (fleet.maxSize + 9) / 10))
            case .inPlace(let preferences):
                let batch = preferences.batchSize ?? (fleet.maxSize - fleet.maxSize * preferences.minHealthyPercentage / 100)
                extra = max(extra, max(batch, 1) + max(1, (fleet.maxSize + 9) / 10))
            }
        }
        zones = fleet.zones.count
        let survivors = max(zones - 1, 1)
        let needed = groups * capacity + extra
        slotsPerZone = (needed + survivors - 1) / survivors
    }

    public var slots: Int { slotsPerZone * zones }
}
