import SimKernel

/// The closed form that a simulated queueing station can be held against: which formula
/// applies to it, and what it predicts. Arrival rates come from the traffic equations of the
/// scenario's network (losses at bounded stations ignored).
public enum AnalyticCheck {
    public enum Model: String, Sendable, Equatable {
        /// Poisson arrivals, exponential service, c servers: Erlang C (exact; in a network of
        /// such stations, exact by Jackson's theorem).
        case erlangC = "M/M/c"
        /// Poisson arrivals, general service, one server: Pollaczek-Khinchine (exact).
        case pollaczekKhinchine = "M/G/1"
        /// Poisson arrivals, exponential service, c servers, at most K in the station (exact).
        case birthDeath = "M/M/c/K"
        /// Anything else without a bound: the Allen-Cunneen G/G/c approximation.
        case allenCunneen = "G/G/c"
        /// No formula: a bounded station without Poisson arrivals and exponential service, an
        /// unstable station, or a service time without a finite mean.
        case none = "none"
    }

    public struct Row: Sendable {
        public var station: String
        /// The metric component of the station, `station.<name>`.
        public var component: String
        public var model: Model
        /// The formula in words, e.g. "M/M/1 (Erlang C)".
        public var modelName: String
        /// True for exact results, false for an approximation or no result.
        public var exact: Bool
        public var servers: Int
        public var capacity: Int?
        /// Arrivals per second from the traffic equations.
        public var arrivalRate: Double
        /// Offered utilization lambda * E[S] / c (also for unstable stations).
        public var offeredUtilization: Double
        public var measures: QueueingTheory.Measures?
        /// What the reader should know: an assumption, why there is no formula.
        public var note: String?
    }

    /// One row per station of the network, in the scenario's order; nil when the traffic
    /// equations have no solution (jobs circulate forever).
    public static func rows(_ network: NetworkConfiguration) -> [Row]? {
        guard let rates = network.stationArrivalRates() else { return nil }
        let n = network.stations.count
        var feeders = Array(repeating: [Int](), count: n)
        for (i, station) in network.stations.enumerated() {
            for route in station.routes {
                if let j = route.station, route.probability > 0, !feeders[j].contains(i) { feeders[j].append(i) }
            }
        }
        let markovian = network.stations.map { station in
            isExponential(station.service) && station.capacity == nil
        }
        let poissonSources = network.sources.allSatisfy { isExponential($0.interarrival) }

        return network.stations.enumerated().map { index, station in
            let lambda = rates[index]
            let mean = station.service.mean
            let c = station.servers
            var row = Row(
                station: station.name, component: "station.\(station.name)", model: .none, modelName: "no closed form",
                exact: false, servers: c, capacity: station.capacity, arrivalRate: lambda,
                offeredUtilization: lambda * mean / Double(c), measures: nil, note: nil)
            guard c > 0, mean.isFinite, mean > 0, lambda.isFinite, lambda >= 0 else {
                row.note = c > 0 ? "the service time has no finite, positive mean" : "the station has no server"
                return row
            }
            // Poisson arrivals: Poisson sources, and only memoryless unbounded stations upstream.
            var poisson = poissonSources
            var visited = Set<Int>()
            var pending = feeders[index]
            while poisson, let upstream = pending.popLast() {
                guard visited.insert(upstream).inserted else { continue }
                if !markovian[upstream] { poisson = false }
                pending += feeders[upstream]
            }
            let exponential = isExponential(station.service)
            if let capacity = station.capacity {
                if capacity < c {
                    row.note = "the capacity is below the number of servers"
                } else if exponential && poisson {
                    row.model = .birthDeath
                    row.modelName = "M/M/\(c)/\(capacity) (birth-death)"
                    row.exact = true
                    row.measures = QueueingTheory.mmck(arrivalRate: lambda, meanService: mean, servers: c, capacity: capacity)
                } else {
                    row.note = "bounded station without Poisson arrivals and exponential service"
                }
                return row
            }
            guard lambda * mean < Double(c) else {
                row.note = "unstable: offered utilization \(ReportNumber.format(row.offeredUtilization, significant: 3)) ≥ 1, the queue grows for the whole run"
                return row
            }
            if exponential && poisson {
                row.model = .erlangC
                row.modelName = "M/M/\(c) (Erlang C)"
                row.exact = true
                row.measures = QueueingTheory.mmc(arrivalRate: lambda, meanService: mean, servers: c)
                return row
            }
            if c == 1 && poisson {
                row.model = .pollaczekKhinchine
                row.modelName = "M/G/1 (Pollaczek-Khinchine)"
                row.exact = true
                row.measures = QueueingTheory.mg1(arrivalRate: lambda, service: station.service)
                if !(row.measures?.wait.isFinite ?? false) { row.note = "the service time has no finite second moment: the mean wait is infinite" }
                return row
            }
            let (ca2, assumed) = arrivalVariability(network, station: index, rate: lambda, poisson: poisson, feeders: feeders[index])
            row.model = .allenCunneen
            row.modelName = "G/G/\(c) (Allen-Cunneen approximation)"
            row.measures = QueueingTheory.ggcApproximation(arrivalRate: lambda, interarrivalSCV: ca2, service: station.service, servers: c)
            var notes = ["approximation: arrival SCV \(ReportNumber.format(ca2, significant: 3)), service SCV \(ReportNumber.format(station.service.squaredCoefficientOfVariation, significant: 3))"]
            if assumed { notes.append("flows from other stations taken as Poisson") }
            row.note = notes.joined(separator: "; ")
            return row
        }
    }

    static func isExponential(_ distribution: Distribution) -> Bool {
        if case .exponential = distribution { return true }
        return false
    }

    /// Squared coefficient of variation of the arrivals at a station: each source's split
    /// (p * c^2 + 1 - p) merged by rate (QNA's superposition); flows from stations count as
    /// Poisson. The flag tells whether such a flow was assumed.
    static func arrivalVariability(_ network: NetworkConfiguration, station: Int, rate: Double, poisson: Bool, feeders: [Int]) -> (Double, Bool) {
        if poisson { return (1, false) }
        guard rate > 0 else { return (1, false) }
        var weighted = 0.0
        var external = 0.0
        for source in network.sources {
            let sourceRate = 1 / source.interarrival.mean
            let scv = source.interarrival.squaredCoefficientOfVariation
            for route in source.routes where route.station == station {
                let flow = sourceRate * route.probability
                weighted += flow * (route.probability * scv + 1 - route.probability)
                external += flow
            }
        }
        let internalFlow = max(rate - external, 0)
        weighted += internalFlow
        return (weighted / rate, !feeders.isEmpty && internalFlow > 0)
    }
}
