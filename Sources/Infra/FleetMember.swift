import SimKernel

/// What a fleet needs of the software on one of its instances: a service instance behind the
/// edge, or a provisioning worker process polling a queue.
///
/// Why a protocol rather than a `ServiceInstance` standing in for every kind of instance: a
/// worker process is no request server. It has threads but no request slots, it is told to
/// stop taking work rather than taken out of a host set, it loses what it holds when it
/// crashes, and its busy threads and finished messages are what target tracking and a
/// rollout's alarm must see. Each kind says those things in its own terms here, and the
/// fleet's lifecycle, scaling and rollouts stay the same code for both.
public protocol FleetMember: AnyObject {
    /// False while the instance is down (not launched, crashed, terminated).
    var isUp: Bool { get set }
    /// Whether it takes work: in its service's host set, or polling for messages.
    var isInService: Bool { get }
    /// Before a run starts: whether the instance begins in service.
    func startsInService(_ inService: Bool)
    /// Enters or leaves service now; leaving, it finishes what it holds (draining).
    func setInService(_ inService: Bool, in simulation: Simulation)
    /// Dies at once: everything it holds is lost.
    func crash(in simulation: Simulation)
    /// When it will have finished what it holds (at most `now` when it holds nothing);
    /// `SimTime.infinity` when that cannot be known, so a drain lasts its whole bound.
    func busyUntil(now: SimTime) -> SimTime
    /// How it serves before any release defect or drift: speed and error probability.
    var baseBehaviour: (speed: Double, errorProbability: Double) { get }
    /// A release defect or drift changes how it serves from now on.
    func setBehaviour(speed: Double, errorProbability: Double)
    /// Its units of work at once (request slots, worker threads), and the integral of those
    /// busy since time zero, in slot-nanoseconds: its utilization, as CPU utilization.
    var servers: Int { get }
    func busyIntegral(at time: SimTime) -> Double
    /// 1 while in service, 0 outside.
    var inServiceTime: TimeWeightedValue { get }
    /// Work it finished since time zero (calls served, messages processed), and the part of
    /// it that failed.
    var servedTotal: UInt64 { get }
    var errorsTotal: UInt64 { get }
}

extension ServiceInstance: FleetMember {
    public var baseBehaviour: (speed: Double, errorProbability: Double) {
        (configuration.speed, configuration.errorProbability)
    }

    public func busyIntegral(at time: SimTime) -> Double {
        stationStatistics(at: time).busyServers.integral(at: time)
    }
}
