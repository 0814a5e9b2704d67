/// A routing decision drawn from fixed probabilities; the probability left over exits.
struct Routing {
    /// `exit` marks leaving the network in `destinations`.
    static let exit = -1
    private let destinations: [Int]
    private let cumulative: [Double]

    init(_ routes: [NetworkConfiguration.Route]) {
        var running = 0.0
        destinations = routes.map { $0.station ?? Routing.exit }
        cumulative = routes.map { running += $0.probability; return running }
        precondition(running <= 1 + 1e-9, "routing probabilities sum to more than one")
    }

    /// The next station's index, or `exit`. Draws only when there is a choice to make.
    func next(_ stream: RandomStream) -> Int {
        if destinations.count == 1, cumulative[0] >= 1 - 1e-12 { return destinations[0] }
        if destinations.isEmpty { return Routing.exit }
        let u = stream.uniform()
        for index in 0..<cumulative.count where u < cumulative[index] {
            return destinations[index]
        }
        return Routing.exit
    }
}
