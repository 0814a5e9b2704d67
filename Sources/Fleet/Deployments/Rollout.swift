import SimKernel

/// A deployment (or its rollback) in progress on a fleet.
struct Rollout {
    /// Index into the fleet's deployments.
    let deployment: Int
    let strategy: DeploymentConfiguration.Strategy
    let isRollback: Bool
    /// Launch templates: what the fleet ran, and what it moves to.
    let from: (image: Int, release: Int)
    let to: (image: Int, release: Int)
    /// Tells this rollout's timer and alarm events from an earlier one's.
    let serial: UInt32
    let startedAt: SimTime
    /// Instances launched after this one are the rollout's own.
    let startSerial: Int
    var failedInstances = 0
    /// Instance refresh: the next checkpoint, a pause, the bake time at the end.
    var nextCheckpoint = 0
    var pausedUntil: SimTime?
    var bakeUntil: SimTime?
    /// Blue/green: traffic is on the new group.
    var switched = false

    /// The rollout's own instances: on its release, and (unless a refresh skips matching
    /// instances) launched since it began.
    func launchedItself(_ record: FleetInstance, skipMatching: Bool = false) -> Bool {
        record.image == to.image && record.release == to.release && (skipMatching || record.launchSerial > startSerial)
    }
}
