import EdgeProxy

/// Fixtures shared by the load-balancing tests, in a namespace of their own.
enum LBFixture {
    /// `makeTestHost(info_, "tcp://127.0.0.1:<port>", weight)`: the address is the hash key.
    static func address(_ port: Int) -> String { "127.0.0.1:\(port)" }

    /// Endpoints `127.0.0.1:<port>` at one priority, as Envoy's LB fixtures build them.
    static func endpoints(
        ports: [Int], weights: [UInt32]? = nil, localities: [Int]? = nil, priority: Int = 0,
        health: UpstreamEndpoint.Health = .healthy
    ) -> [UpstreamEndpoint] {
        ports.indices.map { index in
            UpstreamEndpoint(
                hashKey: address(ports[index]), weight: weights?[index] ?? 1, locality: localities?[index] ?? 0,
                priority: priority, health: health)
        }
    }

    /// The cluster's hash key for a chosen host, or nil.
    static func key(_ balancer: ClusterLoadBalancer, _ host: Int?) -> String? {
        host.map { balancer.endpoints[$0].hashKey }
    }

    /// A fast deterministic `random()` for statistical tests (SplitMix64).
    struct SplitMix64: EnvoyRandom {
        var state: UInt64

        mutating func random() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
