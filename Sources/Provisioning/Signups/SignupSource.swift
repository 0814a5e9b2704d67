import Foundation
import SimKernel

/// Sign-ups arriving at the API: a Poisson stream at the configured rate, and each burst's
/// sign-ups at uniformly random instants of its window.
///
/// A burst draws its arrivals in order, without storing them: of `k` sign-ups still to come
/// uniformly in `[t, end)`, the next comes at `t + (end - t)(1 - U^(1/k))` (the minimum of
/// `k` uniforms), which is exactly the order statistics of the whole burst.
public final class SignupSource: Component {
    private let load: SignupLoad
    private let api: ControlPlaneAPI
    private let steady: RandomStream
    private let bursts: [RandomStream]
    private var remaining: [Int]

    private enum Kind: UInt32 {
        case steady = 1
        /// Subject: the burst's index.
        case burst
    }

    public init(load: SignupLoad, api: ControlPlaneAPI, streams: RandomStreams) {
        self.load = load
        self.api = api
        steady = streams.stream("provisioning.signups/steady")
        bursts = load.bursts.indices.map { streams.stream("provisioning.signups/burst.\($0)") }
        remaining = load.bursts.map(\.count)
    }

    public func start(in simulation: Simulation) {
        if load.rate > 0 {
            simulation.schedule(after: SimTime(seconds: steady.exponential(mean: 1 / load.rate)), target: id, kind: Kind.steady.rawValue)
        }
        for index in load.bursts.indices {
            scheduleNext(burst: index, after: load.bursts[index].start, in: simulation)
        }
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        switch Kind(rawValue: event.kind) {
        case .steady:
            simulation.schedule(after: SimTime(seconds: steady.exponential(mean: 1 / load.rate)), target: id, kind: Kind.steady.rawValue)
        case .burst:
            let index = Int(event.subject)
            remaining[index] -= 1
            if remaining[index] > 0 { scheduleNext(burst: index, after: simulation.now, in: simulation) }
        case nil:
            preconditionFailure("unknown sign-up source event \(event.kind)")
        }
        api.signUp(in: simulation)
    }

    /// Schedules the next of burst `index`'s remaining sign-ups, the earliest of them after `time`.
    private func scheduleNext(burst index: Int, after time: SimTime, in simulation: Simulation) {
        let end = load.bursts[index].start + load.bursts[index].window
        let left = Double(remaining[index])
        let fraction = 1 - pow(bursts[index].uniformPositive(), 1 / left)
        let next = time + SimTime(seconds: (end - time).seconds * fraction)
        simulation.schedule(at: min(next, end), target: id, kind: Kind.burst.rawValue, subject: UInt32(index))
    }
}
