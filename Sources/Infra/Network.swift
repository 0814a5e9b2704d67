import SimKernel

/// One-way latency between components, by whether they share a zone.
public struct NetworkLatency: Sendable {
    public var sameZone: Distribution
    /// Latency across zones (the whole of it, not an extra).
    public var crossZone: Distribution

    public init(sameZone: Distribution, crossZone: Distribution) {
        self.sameZone = sameZone
        self.crossZone = crossZone
    }

    /// A data-centre network: 250 µs within a zone, 1 ms across (assumptions; scenario parameters).
    public static let datacenter = NetworkLatency(sameZone: .constant(0.000_25), crossZone: .constant(0.001))

    public func sample(from: Zone, to: Zone, _ stream: RandomStream) -> SimTime {
        (from == to ? sameZone : crossZone).sampleTime(stream)
    }
}
