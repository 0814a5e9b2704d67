/// Closed-form results for the textbook queues, used to validate the simulator and to put an
/// analytic sanity check beside simulated stations in reports. Times are in seconds.
public enum QueueingTheory {
    /// Steady-state measures of one station.
    public struct Measures: Sendable, Equatable {
        /// Mean wait before service (Wq).
        public var wait: Double
        /// Mean time in the station (W).
        public var sojourn: Double
        /// Mean number waiting (Lq).
        public var queueLength: Double
        /// Mean number in the station (L).
        public var numberInSystem: Double
        /// Mean share of busy servers.
        public var utilization: Double
        /// Share of arrivals turned away (zero without a capacity bound).
        public var blocking: Double
    }

    /// Erlang's C formula: the probability that an arrival waits in an M/M/c queue with
    /// offered load `a = lambda / mu`, computed through the stable Erlang B recursion.
    public static func erlangC(servers c: Int, offeredLoad a: Double) -> Double {
        precondition(c > 0 && a >= 0 && a < Double(c), "Erlang C needs an offered load below the server count")
        var b = 1.0
        for k in 1...c {
            b = a * b / (Double(k) + a * b)
        }
        let rho = a / Double(c)
        return b / (1 - rho * (1 - b))
    }

    /// M/M/c: Poisson arrivals at `arrivalRate`, exponential service of mean `meanService`.
    public static func mmc(arrivalRate lambda: Double, meanService s: Double, servers c: Int) -> Measures {
        let a = lambda * s
        let wait = erlangC(servers: c, offeredLoad: a) / (Double(c) / s - lambda)
        return Measures(
            wait: wait, sojourn: wait + s, queueLength: lambda * wait, numberInSystem: lambda * (wait + s),
            utilization: a / Double(c), blocking: 0)
    }

    /// M/G/1 by the Pollaczek-Khinchine formula: needs the service time's first two moments.
    public static func mg1(arrivalRate lambda: Double, service: Distribution) -> Measures {
        let s = service.mean
        let rho = lambda * s
        precondition(rho < 1, "M/G/1 needs utilization below one")
        let wait = lambda * service.secondMoment / (2 * (1 - rho))
        return Measures(
            wait: wait, sojourn: wait + s, queueLength: lambda * wait, numberInSystem: lambda * (wait + s),
            utilization: rho, blocking: 0)
    }

    /// M/M/c/K: at most `capacity` jobs in the station; arrivals finding it full are lost.
    public static func mmck(arrivalRate lambda: Double, meanService s: Double, servers c: Int, capacity k: Int) -> Measures {
        precondition(c > 0 && k >= c, "M/M/c/K needs K >= c > 0")
        let a = lambda * s
        // Unnormalised probabilities of n jobs, built by the birth-death ratios.
        var terms = [1.0]
        for n in 1...k {
            terms.append(terms[n - 1] * a / Double(min(n, c)))
        }
        let total = terms.reduce(0, +)
        let p = terms.map { $0 / total }
        let blocking = p[k]
        var number = 0.0
        var waiting = 0.0
        var busy = 0.0
        for n in 0...k {
            number += Double(n) * p[n]
            waiting += Double(max(n - c, 0)) * p[n]
            busy += Double(min(n, c)) * p[n]
        }
        let accepted = lambda * (1 - blocking)
        let sojourn = number / accepted
        return Measures(
            wait: sojourn - s, sojourn: sojourn, queueLength: waiting, numberInSystem: number,
            utilization: busy / Double(c), blocking: blocking)
    }

    /// The Allen-Cunneen approximation for G/G/c (exact for M/M/c), from the squared
    /// coefficients of variation of interarrival and service times: a sanity check for
    /// stations no closed form covers.
    public static func ggcApproximation(
        arrivalRate lambda: Double, interarrivalSCV ca2: Double, service: Distribution, servers c: Int
    ) -> Measures {
        let s = service.mean
        let base = mmc(arrivalRate: lambda, meanService: s, servers: c)
        let wait = base.wait * (ca2 + service.squaredCoefficientOfVariation) / 2
        return Measures(
            wait: wait, sojourn: wait + s, queueLength: lambda * wait, numberInSystem: lambda * (wait + s),
            utilization: base.utilization, blocking: 0)
    }

    /// Solves the traffic equations of an open network, `lambda = gamma + P^T lambda`: the
    /// total arrival rate at each station given external rates `gamma` and the routing
    /// matrix `routing[i][j]` (the probability of going from station i to j). Nil when jobs
    /// can circulate forever (the system is singular).
    public static func trafficRates(external gamma: [Double], routing: [[Double]]) -> [Double]? {
        let n = gamma.count
        precondition(routing.count == n && routing.allSatisfy { $0.count == n })
        // Rows of (I - P^T) with gamma appended.
        var m = (0..<n).map { i in
            (0..<n).map { j in (i == j ? 1.0 : 0.0) - routing[j][i] } + [gamma[i]]
        }
        for column in 0..<n {
            let pivot = (column..<n).max { abs(m[$0][column]) < abs(m[$1][column]) }!
            guard abs(m[pivot][column]) > 1e-12 else { return nil }
            m.swapAt(column, pivot)
            for row in 0..<n where row != column {
                let factor = m[row][column] / m[column][column]
                if factor != 0 {
                    for k in column...n { m[row][k] -= factor * m[column][k] }
                }
            }
        }
        return (0..<n).map { m[$0][n] / m[$0][$0] }
    }
}
