import Foundation
import Scenario
import SimKernel
import Testing

/// The shipped validation scenarios against queueing theory.
///
/// Each check builds a confidence interval for a metric from the independent replications and
/// requires (1) that its half-width is under 3% of the theoretical value, so the check has the
/// power to see a bias of that size, and (2) that the interval contains the theoretical value.
/// The intervals are at 99% for the whole suite, not for each check: with 26 checks at 99%
/// each, about one seed in five would fail somewhere by chance alone, so each check is at
/// 1 - 0.01/26 (Bonferroni), which keeps the chance that any check fails for a correct
/// simulator under 1% for every seed.
@Suite struct TextbookQueueTests {
    static let scenarios = ["mm1", "mmc", "md1", "mg1-lognormal", "tandem", "mm1k"]
    /// Checks across the suite: three per station (wait, number in system, utilization),
    /// blocking at M/M/1/K, and the tandem network's end-to-end response.
    static let checks = 3 * 8 + 1 + 1
    static let level = 1 - 0.01 / Double(checks)

    /// The scenarios' own seeds make the suite repeatable; `REHEARSE_VALIDATION_SEED=N`
    /// reruns it with another seed, as anyone doubting the checks should.
    static func load(_ name: String) throws -> Scenario {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var scenario = try ScenarioLoader.load(file: root.appendingPathComponent("scenarios/validation/\(name).yaml").path)
        if let seed = ProcessInfo.processInfo.environment["REHEARSE_VALIDATION_SEED"].flatMap(UInt64.init) {
            scenario.seed = seed
        }
        return scenario
    }

    @Test(arguments: scenarios)
    func matchesClosedForms(name: String) throws {
        let scenario = try TextbookQueueTests.load(name)
        let network = try #require(scenario.network)
        for source in network.sources {
            guard case .exponential = source.interarrival else {
                Issue.record("the closed forms need Poisson arrivals")
                return
            }
        }
        let results = ScenarioRunner.run(scenario, replications: scenario.replications, jobs: 2)
        let rates = try #require(network.stationArrivalRates())
        let theory = network.stationTheory(rates: rates)
        var checked = 0
        var sojourns = 0.0
        for (index, station) in network.stations.enumerated() {
            let expected = try #require(theory[index], "no closed form for station \(station.name)")
            let component = "station.\(station.name)"
            check(results, component, "wait_mean", "s", expected.wait)
            check(results, component, "number_in_system_mean", "jobs", expected.numberInSystem)
            check(results, component, "utilization", "ratio", expected.utilization)
            checked += 3
            if station.capacity != nil {
                check(results, component, "blocking_probability", "ratio", expected.blocking)
                checked += 1
            }
            sojourns += expected.sojourn
        }
        if network.stations.count > 1 {
            check(results, "network", "response_mean", "s", sojourns)
            checked += 1
        }
        #expect(checked > 0)
    }

    private func check(_ results: [ReplicationResult], _ component: String, _ metric: String, _ unit: String, _ expected: Double) {
        let values = results.map { $0.metrics.value(component, metric, unit) ?? .nan }
        let interval = ConfidenceInterval(values, level: TextbookQueueTests.level)
        let label = "\(component),\(metric): simulated \(interval.mean) ± \(interval.halfWidth), theory \(expected)"
        #expect(interval.count == results.count, "\(label): missing values")
        #expect(interval.halfWidth < 0.03 * abs(expected), "\(label): interval too wide to test against theory")
        #expect(interval.contains(expected), "\(label): theory outside the interval")
    }

    /// Little's law, L = lambda W, on every station and on the network, in every replication;
    /// and no job appears or vanishes: arrivals + present at the start = completions +
    /// rejections + present at the end.
    @Test(arguments: scenarios)
    func littlesLawAndConservation(name: String) throws {
        var scenario = try TextbookQueueTests.load(name)
        scenario.duration = SimTime(nanoseconds: scenario.duration.nanoseconds / 4)
        let results = ScenarioRunner.run(scenario, replications: 4, jobs: 2)
        let network = try #require(scenario.network)
        for result in results {
            let metrics = result.metrics
            for station in network.stations {
                let c = "station.\(station.name)"
                let l = try #require(metrics.value(c, "number_in_system_mean", "jobs"))
                let lambda = try #require(metrics.value(c, "throughput", "per_s"))
                let w = try #require(metrics.value(c, "sojourn_mean", "s"))
                #expect(abs(l - lambda * w) <= 0.01 * l, "\(c): L = \(l), lambda W = \(lambda * w)")
                let arrivals = try #require(metrics.value(c, "arrivals", "count"))
                let accounted = try #require(metrics.value(c, "completions", "count")) + (metrics.value(c, "rejections", "count") ?? .nan)
                    + (metrics.value(c, "in_system_end", "count") ?? .nan) - (metrics.value(c, "in_system_start", "count") ?? .nan)
                #expect(arrivals == accounted, "\(c): \(arrivals) arrived, \(accounted) accounted for")
            }
            let l = try #require(metrics.value("network", "number_in_network_mean", "jobs"))
            let lambda = try #require(metrics.value("network", "throughput", "per_s"))
            let w = try #require(metrics.value("network", "response_mean", "s"))
            #expect(abs(l - lambda * w) <= 0.01 * l, "network: L = \(l), lambda W = \(lambda * w)")
            let entered = try #require(metrics.value("network", "arrivals", "count")) + (metrics.value("network", "in_network_start", "count") ?? .nan)
            let left = try #require(metrics.value("network", "departures", "count")) + (metrics.value("network", "losses", "count") ?? .nan)
                + (metrics.value("network", "in_network_end", "count") ?? .nan)
            #expect(entered == left, "network: \(entered) entered, \(left) left or remain")
        }
    }
}
