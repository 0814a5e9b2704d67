import SimKernel

/// What a fleet knows of the instance in one slot. A flat record per slot, reused when the
/// slot takes a new instance; `generation` tells the events of one instance from those of the
/// slot's next, so events never need cancelling.
struct FleetInstance {
    /// What happens when the instance's drain ends.
    enum AfterDrain {
        case terminate
        /// Patch it in place, then bring it back.
        case patch
        /// Back to the warm pool (reuse on scale-in).
        case pool
    }

    var state = InstanceState.idle
    var generation: UInt32 = 0
    /// The group it belongs to (blue/green alternates between two).
    var group = 0
    /// The image it booted from, and the release it runs (differs after an in-place patch).
    var image = 0
    var release = 0
    /// Launch order in the fleet: a refresh replaces the instances launched before it began.
    var launchSerial = 0
    var launchedAt = SimTime.zero
    var inServiceAt = SimTime.zero
    /// Before this its metrics are left out of scaling, and it is not yet healthy for a refresh.
    var warmUntil = SimTime.zero
    /// Whether EC2 bills it now (not when stopped in the warm pool).
    var billable = false
    /// Launched for the warm pool, or parked in it.
    var inPool = false
    /// Leaving the warm pool: it needs no configuration.
    var fromPool = false
    var afterDrain = AfterDrain.terminate
    /// Being patched in place (drain, highstate, restart), to this release.
    var patching = false
    var patchRelease = 0
    /// Patched in place at least once: a mutable server, which may drift.
    var patchedInPlace = false
    var driftScheduled = false
    var failureScheduled = false
    var drifted = false
    var protectedFromScaleIn = false
    /// It crashed before it was in service and warm: for a deployment, a failed instance.
    var crashedEarly = false
    /// When the current highstate started, and when it must have returned.
    var configureStart = SimTime.zero
    var configureDeadline = SimTime.zero

    /// Counted toward its group's desired capacity: on its way, serving, or out for a patch.
    var countsTowardCapacity: Bool {
        !inPool && (state.isOnItsWayOrServing || (state == .draining && afterDrain == .patch))
    }

    /// In service as the group sees it: a crash not yet noticed still counts.
    var isServingForGroup: Bool {
        state == .inService || state == .impaired
    }
}
