import Infra
import SimKernel

/// The requests a filter chain holds, one job per call it filters (an abandoned attempt may
/// still be in one chain while its retry is in another). Calls the chain makes for a job
/// carry the job id as their slot and its generation, so a late answer finds the job gone.
struct FilterJobs {
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
        /// Who sent the request, copied at arrival: the client may finish the request (and its
        /// context id be reused) while an abandoned attempt is still here.
        var tenant: UInt32 = 0
        var user: UInt32 = 0
        var tier = Tier.free
        var call = UpstreamMessage.Call(caller: ComponentID(index: 0), callerZone: Zone(0), slot: 0, generation: 0, requestClass: 0)
        var arrived = SimTime.zero
        /// When the chain's own CPU work for the job is done: calls leave then, and the
        /// request reaches the application or its answer.
        var readyAt = SimTime.zero
    }

    private(set) var jobs: [Job] = []
    private var free: [UInt32] = []

    mutating func allocate(request: UInt32, context: RequestContexts.Context, call: UpstreamMessage.Call, at now: SimTime) -> UInt32 {
        let id: UInt32
        if let reused = free.popLast() {
            id = reused
        } else {
            jobs.append(Job())
            id = UInt32(jobs.count - 1)
        }
        jobs[Int(id)].request = request
        jobs[Int(id)].tenant = context.tenant
        jobs[Int(id)].user = context.user
        jobs[Int(id)].tier = context.tier
        jobs[Int(id)].call = call
        jobs[Int(id)].arrived = now
        jobs[Int(id)].readyAt = now
        return id
    }

    mutating func release(_ id: UInt32) {
        jobs[Int(id)].phase = .free
        jobs[Int(id)].generation &+= 1
        free.append(id)
    }

    subscript(id: UInt32) -> Job {
        get { jobs[Int(id)] }
        _modify { yield &jobs[Int(id)] }
    }
}
