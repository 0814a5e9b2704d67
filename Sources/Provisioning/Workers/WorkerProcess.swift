import Infra
import SimKernel

/// One worker process: `threads` threads long-polling the queue through the process's own SDK
/// clients, on one instance. On a fleet it lives and dies with its instance: it polls only
/// while the instance is in service; leaving service it stops taking messages and finishes
/// those it holds; crashing it loses them, and SQS shows them again when their visibility
/// timeout ends. Its threads' work is the pool's (`ProvisioningWorkers`), which it tells of
/// every change.
public final class WorkerProcess: FleetMember {
    public let index: Int
    public var isUp = true
    public private(set) var isInService = true
    public private(set) var inServiceTime = TimeWeightedValue(value: 1)
    /// Messages it finished (deleted, given up on, or found done), and those of them it left
    /// to come back after a failure.
    public private(set) var servedTotal: UInt64 = 0
    public private(set) var errorsTotal: UInt64 = 0
    /// Its threads that hold a batch.
    private(set) var busyThreads = TimeWeightedValue()
    /// The chance that its release mishandles a message (a defect, drift): it gives the
    /// message up before running its step, to come back after the visibility timeout.
    private(set) var errorProbability = 0.0
    let releaseErrors: RandomStream
    let threads: Int
    /// Set when the pool adopts the process, before the run.
    unowned var pool: ProvisioningWorkers!

    /// A process of `threads` threads. On a fleet the processes exist before the pool does
    /// (the fleet places them first); see `ProvisioningWorkers.processes(_:streams:)`.
    init(index: Int, threads: Int, streams: RandomStreams) {
        self.index = index
        self.threads = threads
        releaseErrors = streams.stream("\(ProvisioningWorkers.component).\(index)/release")
    }

    /// Whether its threads may start on new messages.
    var takesWork: Bool { isUp && isInService }

    public var servers: Int { threads }

    public var baseBehaviour: (speed: Double, errorProbability: Double) { (1, 0) }

    public func startsInService(_ inService: Bool) {
        isInService = inService
        inServiceTime = TimeWeightedValue(value: inService ? 1 : 0)
    }

    public func setInService(_ inService: Bool, in simulation: Simulation) {
        guard inService != isInService else { return }
        isInService = inService
        inServiceTime.set(inService ? 1 : 0, at: simulation.now)
        if takesWork { pool.resume(process: index, in: simulation) }
    }

    public func crash(in simulation: Simulation) {
        isUp = false
        pool.crashed(process: index, in: simulation)
    }

    /// How long its messages still take is not known in advance (their steps and calls), so
    /// a drain holding any lasts its whole bound (the fleet's deregistration delay), as a
    /// termination lifecycle hook's timeout does.
    public func busyUntil(now: SimTime) -> SimTime {
        pool.holdsMessages(process: index) ? .infinity : now
    }

    /// A slower release does not slow the worker: its time goes in the steps' remote work
    /// and its calls, which run elsewhere. Its errors are its own.
    public func setBehaviour(speed: Double, errorProbability: Double) {
        self.errorProbability = errorProbability
    }

    public func busyIntegral(at time: SimTime) -> Double {
        busyThreads.integral(at: time)
    }

    func holdingChanged(by delta: Double, at now: SimTime) {
        busyThreads.add(delta, at: now)
    }

    func finished(failed: Bool) {
        servedTotal &+= 1
        if failed { errorsTotal &+= 1 }
    }
}
