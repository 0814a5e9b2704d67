import Foundation

/// Envoy's least request over one host source (`least_request_lb.{h,cc}`).
///
/// Equal weights: N_CHOICES draws `choiceCount` hosts with replacement (`random() % n`) and
/// keeps the first, replacing it only by a host with strictly fewer active requests;
/// FULL_SCAN scans all hosts and breaks ties for the minimum by reservoir sampling.
/// Differing weights (or an explicitly configured bias): EDF as round robin, with the
/// dynamic weight `weight / (active + 1)^bias` evaluated when a host is (re-)added.
///
/// Active request counts are the caller's (`rq_active`), indexed by host index; hosts beyond
/// the buffer count as 0.
public struct LeastRequestLoadBalancer: Sendable {
    public let hosts: [Int]
    public let config: LeastRequestConfig
    private let bias: Double
    private var scheduler: EDFScheduler?

    /// - Parameters:
    ///   - hosts: host indices of the source.
    ///   - weights: weight of every host, indexed by host index.
    ///   - activeRequests: active requests per host index at build time (EDF initial weights).
    ///   - seed: the balancer's seed (`random()` drawn once at construction).
    public init(
        hosts: [Int], weights: [UInt32], activeRequests: UnsafeBufferPointer<UInt32>,
        seed: UInt64, config: LeastRequestConfig = LeastRequestConfig()
    ) {
        self.hosts = hosts
        self.config = config
        let bias = config.effectiveActiveRequestBias
        self.bias = bias
        let weighted = config.alwaysUsesWeightedSelection
            || !RoundRobinLoadBalancer.weightsAreEqual(hosts, weights)
        if hosts.count > 1 && weighted {
            scheduler = EDFScheduler.createWithPicks(
                entries: hosts,
                weight: { Self.hostWeight($0, weights, activeRequests, bias) },
                picks: UInt32(truncatingIfNeeded: seed))
        }
    }

    /// Whether picks go through the EDF scheduler.
    public var isWeighted: Bool { scheduler != nil }

    public mutating func chooseHost<R: EnvoyRandom>(
        weights: [UInt32], activeRequests: UnsafeBufferPointer<UInt32>, random: inout R
    ) -> Int? {
        if scheduler != nil {
            let bias = bias
            return scheduler!.pickAndAdd(weight: { Self.hostWeight($0, weights, activeRequests, bias) })
        }
        if hosts.isEmpty { return nil }
        switch config.selectionMethod {
        case .nChoices: return pickNChoices(activeRequests, &random)
        case .fullScan: return pickFullScan(activeRequests, &random)
        }
    }

    /// Preconnect peek: the EDF's next pick when weighted; nil otherwise (Envoy cannot
    /// predict an unweighted least-request pick).
    public mutating func peekAnotherHost(weights: [UInt32], activeRequests: UnsafeBufferPointer<UInt32>) -> Int? {
        guard scheduler != nil else { return nil }
        let bias = bias
        return scheduler!.peekAgain(weight: { Self.hostWeight($0, weights, activeRequests, bias) })
    }

    /// `weight / (active + 1)^bias` (plain division for bias 1, plain weight for bias 0).
    static func hostWeight(
        _ host: Int, _ weights: [UInt32], _ activeRequests: UnsafeBufferPointer<UInt32>, _ bias: Double
    ) -> Double {
        let weight = Double(weights[host])
        let activePlusOne = Double(UInt64(Self.active(host, activeRequests)) + 1)
        if bias == 1.0 { return weight / activePlusOne }
        if bias != 0.0 { return weight / pow(activePlusOne, bias) }
        return weight
    }

    @inline(__always)
    static func active(_ host: Int, _ activeRequests: UnsafeBufferPointer<UInt32>) -> UInt32 {
        host < activeRequests.count ? activeRequests[host] : 0
    }

    private func pickNChoices<R: EnvoyRandom>(_ activeRequests: UnsafeBufferPointer<UInt32>, _ random: inout R) -> Int? {
        var candidate: Int?
        var choice: UInt32 = 0
        while choice < config.choiceCount {
            choice += 1
            let sampled = hosts[Int(random.random() % UInt64(hosts.count))]
            guard let current = candidate else {
                candidate = sampled
                continue
            }
            if Self.active(sampled, activeRequests) < Self.active(current, activeRequests) {
                candidate = sampled
            }
        }
        return candidate
    }

    private func pickFullScan<R: EnvoyRandom>(_ activeRequests: UnsafeBufferPointer<UInt32>, _ random: inout R) -> Int? {
        var candidate = hosts[0]
        var tied: UInt64 = 1
        for index in 1..<hosts.count {
            let sampled = hosts[index]
            let candidateActive = Self.active(candidate, activeRequests)
            let sampledActive = Self.active(sampled, activeRequests)
            if sampledActive < candidateActive {
                tied = 1
                candidate = sampled
            } else if sampledActive == candidateActive {
                tied += 1
                if random.random() % tied == 0 { candidate = sampled }
            }
        }
        return candidate
    }
}
