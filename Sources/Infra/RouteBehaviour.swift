import SimKernel

/// How an application serves the requests of one route when they differ from its defaults:
/// a search costs more than reading an issue. A fleet's release or drift changes the
/// service's defaults (`ServiceInstance.setBehaviour`), not a route's own error probability.
public struct RouteBehaviour: Sendable, Equatable {
    /// Nil: the service's.
    public var serviceTime: Distribution?
    /// Nil: the service's.
    public var errorProbability: Double?

    public init(serviceTime: Distribution? = nil, errorProbability: Double? = nil) {
        precondition(errorProbability.map { (0...1).contains($0) } ?? true)
        self.serviceTime = serviceTime
        self.errorProbability = errorProbability
    }
}
