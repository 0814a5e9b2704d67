import Infra
import SimKernel

/// What faults do to a fleet.
extension Fleet {
    /// Every instance in the zone crashes, and the group launches nowhere there until it is back.
    func zoneFailed(_ zone: Zone, in simulation: Simulation) {
        guard let local = localZone(zone) else { return }
        zoneDown[local] = true
        for slot in slots.indices where self.zone(of: slot) == local && slots[slot].state != .idle {
            crash(slot, in: simulation)
        }
        settle(in: simulation)
    }

    /// The zone takes launches again; AZRebalance moves instances back.
    func zoneRecovered(_ zone: Zone, in simulation: Simulation) {
        guard let local = localZone(zone) else { return }
        zoneDown[local] = false
        settle(in: simulation)
    }

    /// A release defect shows: instances on that release serve worse from now on.
    func defectAppeared(_ index: Int, in simulation: Simulation) {
        defectActive[index] = true
        for slot in slots.indices where slots[slot].state != .idle && slots[slot].release == defects[index].image {
            applyBehaviour(slot)
        }
    }
}
