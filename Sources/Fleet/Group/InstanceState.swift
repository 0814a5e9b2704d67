/// Where an instance of a fleet is in its life. A slot with no instance is `idle`.
public enum InstanceState: Int, Sendable, CaseIterable {
    case idle
    /// RunInstances issued; EC2's control plane at work (or a stopped instance starting).
    case pending
    /// The operating system boots.
    case booting
    /// A Salt highstate runs: at boot, or patching the instance in place.
    case configuring
    /// The application starts and warms until it passes its health check.
    case starting
    /// In the service's host set.
    case inService
    /// Running and ready, out of the host set: a blue/green group not (or no longer) switched to.
    case standby
    /// Out of the host set, finishing the calls it holds (deregistration delay).
    case draining
    /// Crashed while the group still counts it: its health checks have not failed enough yet.
    case impaired
    /// Prepared and parked in the warm pool.
    case warmPool

    /// The metric name of the count of instances in this state.
    public var metricName: String {
        switch self {
        case .idle: "idle"
        case .pending: "pending"
        case .booting: "booting"
        case .configuring: "configuring"
        case .starting: "starting"
        case .inService: "in_service"
        case .standby: "standby"
        case .draining: "draining"
        case .impaired: "impaired"
        case .warmPool: "warm_pool"
        }
    }

    /// States whose instances are on their way to service or in it: what a group counts
    /// toward its desired capacity.
    var isOnItsWayOrServing: Bool {
        switch self {
        case .pending, .booting, .configuring, .starting, .inService, .standby, .impaired: true
        case .idle, .draining, .warmPool: false
        }
    }
}
