import SimKernel

/// What a filter in front of an application instance decides about an arriving call.
public enum FilterVerdict: Equatable, Sendable {
    /// Pass the call to the application now.
    case admit
    /// The filter keeps the call; it will later call `admitFiltered` or `answerFiltered`.
    case hold
    /// Answer the call with this status without reaching the application.
    case deny(UInt16)
}

/// Work done in front of an application instance for every call: a sidecar proxy's, or an
/// in-process library's, authentication, rate limiting and access logging.
public protocol InstanceFilter: AnyObject {
    /// A call arrived at `instance`.
    func inbound(_ call: UpstreamMessage.Call, instance: ServiceInstance, in simulation: Simulation) -> FilterVerdict

    /// The application answered `call` with `status`: the extra time before the answer leaves
    /// the instance (the filter's response work and hop).
    func outbound(_ call: UpstreamMessage.Call, status: UInt16, instance: ServiceInstance, in simulation: Simulation) -> SimTime
}

/// Decides the status of a served call that did not fail, for services whose answer is more
/// than success: a rate-limit service answering OK or OVER_LIMIT from its counters.
public protocol InstanceResponder: AnyObject {
    func status(for call: UpstreamMessage.Call, at now: SimTime) -> UInt16
}

/// Calls an application makes once its own work on a request is done and before it answers:
/// reads and writes of a database. The application is asynchronous: its slot is free for the
/// next request while it waits (an event loop or non-blocking client), so slow calls show up
/// in latency and in calls in flight, not in slot utilization.
public protocol InstanceDownstream: AnyObject {
    /// `instance` finished its own work on `call` at `end` (now or later); the downstream
    /// makes its calls from then and ends with `instance.answerDownstream`.
    func begin(_ call: UpstreamMessage.Call, instance: ServiceInstance, at end: SimTime, in simulation: Simulation)

    /// `instance` crashed: the calls it has downstream end without an answer (the instance
    /// reset them).
    func abandon(instance: ServiceInstance, in simulation: Simulation) -> [UpstreamMessage.Call]

    /// Whether requests of `instance` are still waiting on their calls.
    func holdsCalls(of instance: ServiceInstance) -> Bool
}
