import SimKernel

/// Picks a request's route by weight among the routes of the products its tenant uses (and
/// the routes of no product, which every tenant sends); routes of weight 0 (sent only by
/// services, through the edge) are never picked. One table per product mix, built for all 256
/// possible mixes at once, so a draw is two array reads and one alias draw.
struct RouteChoice {
    private let tables: [DiscreteDistribution?]
    private let routeLists: [[Int]]

    init(_ routes: [WorkloadConfiguration.Route]) {
        var tables: [DiscreteDistribution?] = []
        var lists: [[Int]] = []
        for mix in 0...255 {
            let eligible = routes.indices.filter { index in
                guard routes[index].request.weight > 0 else { return false }
                guard let product = routes[index].product else { return true }
                return mix & (1 << product) != 0
            }
            lists.append(eligible)
            tables.append(eligible.isEmpty ? nil : DiscreteDistribution(weights: eligible.map { routes[$0].request.weight }))
        }
        self.tables = tables
        routeLists = lists
    }

    @inline(__always)
    func route(mix: UInt8, _ stream: RandomStream) -> Int {
        let list = Int(mix)
        return routeLists[list][tables[list]!.sample(stream)]
    }
}
