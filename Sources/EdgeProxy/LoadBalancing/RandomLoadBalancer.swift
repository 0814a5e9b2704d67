/// Envoy's random load balancer over one host source (`random_lb.cc`): one `random()` per
/// pick serves both the priority choice and the host, `hosts[r % n]`. Weights are ignored.
public struct RandomLoadBalancer: Sendable {
    public let hosts: [Int]

    public init(hosts: [Int]) {
        self.hosts = hosts
    }

    /// The host for the draw `random` (the same draw that chose the priority).
    public func chooseHost(random: UInt64) -> Int? {
        hosts.isEmpty ? nil : hosts[Int(random % UInt64(hosts.count))]
    }

    /// Draws once and picks.
    public func chooseHost<R: EnvoyRandom>(random: inout R) -> Int? {
        chooseHost(random: random.random())
    }
}
