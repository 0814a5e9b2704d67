import EdgeProxy
import Infra
import SimKernel
import Tenancy
import Testing

@Suite struct OutcomeTests {
    static func population() -> TenantPopulation {
        let configuration = TenantsConfiguration(
            count: 0, activeUsers: .constant(1), tierShares: [1, 0, 0, 0], regions: [.init(name: "a", share: 1, utcOffsetHours: 0)])
        let population = TenantPopulation(configuration, streams: RandomStreams(seed: 1))
        for tenant in 0..<30 {
            population.append(.init(activeUsers: UInt32(tenant + 1), tier: Tier(rawValue: UInt8(tenant % 4))!, region: 0, products: 0))
        }
        return population
    }

    static func respond(_ outcomes: TenantOutcomes, tenant: Int, tier: Tier, status: UInt16 = 200, flags: ResponseFlags = [], ms: Int64) {
        let context = RequestContexts.Context(created: .zero, tenant: UInt32(tenant), user: 0, tier: tier, requestClass: 0, clientZone: Zone(0))
        outcomes.responded(0, context: context, status: status, flags: flags, latency: .milliseconds(ms), at: .zero)
    }

    /// Thirty tenants; tenant t gets t throttles, tenant 29 - t slow responses: the lists come
    /// out in the constructed order, ties to the lower id, and the tiers add up.
    @Test func theTopListsAndTierSharesComeOutOfAConstructedCase() {
        let population = Self.population()
        let outcomes = TenantOutcomes(population: population, configuration: WorkloadFixtures.workload(), workloadBytes: 0)
        for tenant in 0..<30 {
            let tier = population.tiers[tenant]
            for _ in 0..<tenant { Self.respond(outcomes, tenant: tenant, tier: tier, status: 429, flags: .rateLimited, ms: 1) }
            for _ in 0..<200 { Self.respond(outcomes, tenant: tenant, tier: tier, ms: 10) }
            // 3% slow: the p99 falls among them.
            for _ in 0..<7 { Self.respond(outcomes, tenant: tenant, tier: tier, ms: Int64(100 * (30 - tenant))) }
        }
        // Tenants 28 and 29 tie on throttles with a 29th throttle for 28.
        Self.respond(outcomes, tenant: 28, tier: population.tiers[28], status: 429, ms: 1)
        Self.respond(outcomes, tenant: 5, tier: population.tiers[5], status: 503, ms: 1)
        let throttled = outcomes.topThrottled()
        #expect(throttled.count == 20)
        #expect(Array(throttled.prefix(3)) == [28, 29, 27])
        #expect(throttled.last == 10)
        let slow = outcomes.topP99()
        #expect(Array(slow.prefix(4)) == [0, 1, 2, 3], "\(slow)")
        #expect(outcomes.counts(of: 5) == (213, 5, 1))

        var table = MetricTable()
        outcomes.report(at: .seconds(1), into: &table)
        let answered = Tier.allCases.map { table.value("tenants.tier.\($0.name)", "requests", "count")! }.reduce(0, +)
        #expect(answered == Double((0..<30).reduce(0) { $0 + $1 + 207 } + 2))
        let free = (0..<30).filter { $0 % 4 == 0 }
        // Tenant 28 (free) has its extra throttle.
        let freeTotal = Double(free.reduce(0) { $0 + $1 + 207 } + 1)
        let freeThrottled = Double(free.reduce(0, +) + 1)
        #expect(table.value("tenants.tier.free", "throttled_ratio", "ratio")! == freeThrottled / freeTotal)
        // Free's objective is 2 s: only responses of 2.1 s and more (tenants 0 and 1 are
        // free and standard: 3000 ms, 2900 ms) miss it.
        let freeMissed = Double(free.filter { 100 * (30 - $0) > 2000 }.count * 7)
        #expect(table.value("tenants.tier.free", "slo_attainment", "ratio")! == 1 - freeMissed / freeTotal)
        #expect(table.value("tenants.top_throttled.01", "tenant", "id") == 28)
        #expect(table.value("tenants.top_throttled.01", "throttled", "count") == 29)
        #expect(table.value("tenants.top_p99.01", "tenant", "id") == 0)
        #expect(table.value("tenants.top_p99.01", "tier", "index") == 0)
        #expect(table.value("tenants.top_throttled.20", "tenant", "id") == 10)

        outcomes.resetStatistics(at: .seconds(1))
        #expect(outcomes.topThrottled().isEmpty && outcomes.topP99().isEmpty)
        var empty = MetricTable()
        outcomes.report(at: .seconds(2), into: &empty)
        #expect(empty.keys == table.keys, "every replication reports the same metrics")
        #expect(empty.value("tenants.top_p99.01", "tenant", "id")!.isNaN)
    }

    /// Tenants under the request floor are not ranked by p99.
    @Test func tenantsWithFewResponsesAreNotRankedByP99() {
        let population = Self.population()
        let outcomes = TenantOutcomes(population: population, configuration: WorkloadFixtures.workload(), workloadBytes: 0)
        for _ in 0..<99 { Self.respond(outcomes, tenant: 3, tier: .enterprise, ms: 5_000) }
        for _ in 0..<100 { Self.respond(outcomes, tenant: 4, tier: .free, ms: 5) }
        #expect(outcomes.topP99() == [4])
    }

    @Test func theSketchPlacesPercentilesInTheirBucket() {
        var sketch = TenantLatencySketch(tenants: 2)
        #expect(TenantLatencySketch.bucket(.microseconds(1_999)) == 0)
        #expect(TenantLatencySketch.bucket(.milliseconds(2)) == 1)
        #expect(TenantLatencySketch.bucket(.milliseconds(1_500)) == 10)
        #expect(TenantLatencySketch.bucket(.seconds(100)) == 15)
        // 990 at 10 ms, 10 at 700 ms: the p99 lies in [512, 1024) ms.
        for _ in 0..<990 { sketch.record(tenant: 1, .milliseconds(10)) }
        for _ in 0..<10 { sketch.record(tenant: 1, .milliseconds(700)) }
        let p99 = sketch.quantile(0.99, tenant: 1)!
        #expect(p99 >= 0.008 && p99 <= 0.016, "the 990th of 1000 is a 10 ms one: \(p99)")
        let p995 = sketch.quantile(0.995, tenant: 1)!
        #expect(p995 >= 0.512 && p995 < 1.024)
        #expect(sketch.quantile(0.99, tenant: 0) == nil)
        // Past 65,535 in a bucket the counts halve and keep their proportions: 2% slow.
        for _ in 0..<3_000 {
            for _ in 0..<98 { sketch.record(tenant: 0, .milliseconds(3)) }
            for _ in 0..<2 { sketch.record(tenant: 0, .milliseconds(300)) }
        }
        let tail = sketch.quantile(0.99, tenant: 0)!
        #expect(tail >= 0.256 && tail < 0.512, "\(tail)")
        let body = sketch.quantile(0.97, tenant: 0)!
        #expect(body >= 0.002 && body < 0.004, "\(body)")
    }
}
