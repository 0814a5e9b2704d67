import Infra
import SimKernel

/// The requests held by filter chains, in one table shared by every chain (a request is in
/// one chain at a time, but an abandoned attempt may still be in another: jobs are per
/// call, not per request). Calls a chain makes for a job carry the job id as their slot.
final class FilterJobs {
    enum Phase: UInt8 {
        case free
        case cpu
        case auth
        case globalRateLimit
    }

    struct Job {
        var phase = Phase.free
        var generation: UInt32 = 0
        var request: UInt32 = 0
        var call = UpstreamMessage.Call(caller: ComponentID(index: 0), callerZone: Zone(0), slot: 0, generation: 0, requestClass: 0)
        var arrived = SimTime.zero
        /// When the chain's own CPU work for the job is done: calls leave then, and the
        /// request reaches the application or its answer.
        var readyAt = SimTime.zero
    }

    private(set) var jobs: [Job] = []
    private var free: [UInt32] = []

    func allocate(request: UInt32, call: UpstreamMessage.Call, at now: SimTime) -> UInt32 {
        let id: UInt32
        if let reused = free.popLast() {
            id = reused
        } else {
            jobs.append(Job())
            id = UInt32(jobs.count - 1)
        }
        jobs[Int(id)].request = request
        jobs[Int(id)].call = call
        jobs[Int(id)].arrived = now
        jobs[Int(id)].readyAt = now
        return id
    }

    func release(_ id: UInt32) {
        jobs[Int(id)].phase = .free
        jobs[Int(id)].generation &+= 1
        free.append(id)
    }

    subscript(id: UInt32) -> Job {
        get { jobs[Int(id)] }
        _modify { yield &jobs[Int(id)] }
    }
}
