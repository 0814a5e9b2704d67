import Infra
import SimKernel

/// What every filter chain of a model shares: configuration, the request contexts, the auth
/// and rate-limit services' instances, the chains by component, and the statistics.
final class SidecarShared {
    let configuration: SidecarConfiguration
    let requests: RequestContexts
    unowned let statistics: SidecarStatistics
    let network: NetworkLatency
    let authTargets: [ServiceInstance]
    let rateLimitTargets: [ServiceInstance]
    /// Local rate-limit descriptors per tier: `tier: <name>`.
    let localDescriptors: [[RateLimitDescriptor]]
    /// Time the chain held each request before admitting it, by request id, until its
    /// response adds the outbound part.
    var inboundDelay: [SimTime] = []
    /// Chains by their component index, for the services answering their calls.
    private var chainsByComponent: [ComponentLink<FilterChain>?] = []

    init(
        configuration: SidecarConfiguration, requests: RequestContexts, statistics: SidecarStatistics, network: NetworkLatency,
        authTargets: [ServiceInstance], rateLimitTargets: [ServiceInstance]
    ) {
        self.configuration = configuration
        self.requests = requests
        self.statistics = statistics
        self.network = network
        self.authTargets = authTargets
        self.rateLimitTargets = rateLimitTargets
        localDescriptors = Tier.allCases.map { [RateLimitDescriptor([RateLimitEntry("tier", $0.name)])] }
    }

    func add(_ chain: FilterChain) {
        let index = Int(chain.id.index)
        while chainsByComponent.count <= index { chainsByComponent.append(nil) }
        chainsByComponent[index] = ComponentLink(chain)
        statistics.chains.append(chain)
    }

    func chain(_ component: ComponentID) -> FilterChain {
        guard Int(component.index) < chainsByComponent.count, let chain = chainsByComponent[Int(component.index)] else {
            preconditionFailure("component \(component.index) called a sidecar service but is no filter chain")
        }
        return chain.target
    }

    func recordInbound(_ request: UInt32, delay: SimTime) {
        while inboundDelay.count <= Int(request) { inboundDelay.append(.zero) }
        inboundDelay[Int(request)] = delay
    }

    func recordOutbound(_ request: UInt32, delay: SimTime) {
        let inbound = Int(request) < inboundDelay.count ? inboundDelay[Int(request)] : .zero
        statistics.addedLatency.record(inbound + delay)
    }
}
