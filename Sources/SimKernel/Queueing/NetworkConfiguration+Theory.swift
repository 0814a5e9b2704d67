extension NetworkConfiguration {
    /// Arrival rate at each station (jobs per second) by the traffic equations, ignoring
    /// losses at bounded stations. Nil when jobs can circulate forever.
    public func stationArrivalRates() -> [Double]? {
        let n = stations.count
        var external = Array(repeating: 0.0, count: n)
        for source in sources {
            let rate = 1 / source.interarrival.mean
            for route in source.routes {
                if let station = route.station { external[station] += rate * route.probability }
            }
        }
        var routing = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for (i, station) in stations.enumerated() {
            for route in station.routes {
                if let j = route.station { routing[i][j] += route.probability }
            }
        }
        return QueueingTheory.trafficRates(external: external, routing: routing)
    }

    /// Closed-form steady-state measures of each station fed by Poisson traffic at `rates`,
    /// where one exists: M/M/c, M/M/c/K, M/G/1. Nil for a station no formula covers or that is
    /// unstable. (By Jackson's theorem these are exact in networks of M/M/c stations fed by
    /// Poisson sources.)
    public func stationTheory(rates: [Double]) -> [QueueingTheory.Measures?] {
        stations.enumerated().map { index, station in
            let lambda = rates[index]
            let mean = station.service.mean
            let exponential: Bool
            if case .exponential = station.service { exponential = true } else { exponential = false }
            if let capacity = station.capacity {
                guard exponential else { return nil }
                return QueueingTheory.mmck(arrivalRate: lambda, meanService: mean, servers: station.servers, capacity: capacity)
            }
            guard lambda * mean < Double(station.servers) else { return nil }
            if exponential { return QueueingTheory.mmc(arrivalRate: lambda, meanService: mean, servers: station.servers) }
            if station.servers == 1 { return QueueingTheory.mg1(arrivalRate: lambda, service: station.service) }
            return nil
        }
    }
}
