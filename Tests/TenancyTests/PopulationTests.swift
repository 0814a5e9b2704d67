import Infra
import SimKernel
import Tenancy
import Testing

@Suite struct PopulationTests {
    static let shares = [0.55, 0.35, 0.09, 0.01]

    static func configuration(count: Int) -> TenantsConfiguration {
        TenantsConfiguration(
            count: count, activeUsers: .lognormal(median: 12, p99: 2000), tierShares: shares,
            regions: [
                .init(name: "us-east-1", share: 0.5, utcOffsetHours: -5), .init(name: "eu-west-1", share: 0.3, utcOffsetHours: 0),
                .init(name: "ap-southeast-2", share: 0.2, utcOffsetHours: 10),
            ],
            products: [.init(name: "jira", adoption: 0.9), .init(name: "confluence", adoption: 0.5)])
    }

    /// The order statistic at `q` of the sorted values.
    static func quantile(_ sorted: [UInt32], _ q: Double) -> Double {
        Double(sorted[min(Int((q * Double(sorted.count)).rounded(.down)), sorted.count - 1)])
    }

    /// At 350,000 tenants: tier and region shares within a percentage point (and four
    /// standard errors), the median and p99 of active users within 5% of the lognormal's.
    @Test func statisticsMatchTheConfiguredDistributions() {
        let count = 350_000
        let population = TenantPopulation(Self.configuration(count: count), streams: RandomStreams(seed: 7))
        #expect(population.count == count)
        for tier in Tier.allCases {
            let expected = Self.shares[Int(tier.rawValue)]
            let observed = Double(population.tiers.filter { $0 == tier }.count) / Double(count)
            let standardError = (expected * (1 - expected) / Double(count)).squareRoot()
            #expect(abs(observed - expected) < min(0.01, 4 * standardError), "tier \(tier.name): \(observed)")
        }
        for (index, expected) in [0.5, 0.3, 0.2].enumerated() {
            let observed = Double(population.regions.filter { $0 == index }.count) / Double(count)
            #expect(abs(observed - expected) < 0.01)
        }
        let sorted = population.activeUsers.sorted()
        #expect(abs(Self.quantile(sorted, 0.5) / 12 - 1) < 0.05, "median \(Self.quantile(sorted, 0.5))")
        #expect(abs(Self.quantile(sorted, 0.99) / 2000 - 1) < 0.05, "p99 \(Self.quantile(sorted, 0.99))")
        #expect(sorted.first! >= 1)
        let jira = Double(population.products.filter { $0 & 1 != 0 }.count) / Double(count)
        #expect(abs(jira - (0.9 + 0.1 * 0.5 * 0.9 / 1.4)) < 0.01)
        #expect(!population.products.contains(0), "every tenant uses a product")
    }

    @Test func theSameSeedGivesTheSameTenantsAndAnotherSeedOthers() {
        let configuration = Self.configuration(count: 20_000)
        let a = TenantPopulation(configuration, streams: RandomStreams(seed: 3))
        let b = TenantPopulation(configuration, streams: RandomStreams(seed: 3))
        let c = TenantPopulation(configuration, streams: RandomStreams(seed: 4))
        #expect(a.profiles == b.profiles)
        #expect(!a.activeUsers.elementsEqual(c.activeUsers))
    }

    /// Changing the tier shares leaves every tenant's size and region where it was: one
    /// stream per attribute.
    @Test func attributesDrawFromTheirOwnStreams() {
        var configuration = Self.configuration(count: 5_000)
        let a = TenantPopulation(configuration, streams: RandomStreams(seed: 9))
        configuration.tierShares = [0.25, 0.25, 0.25, 0.25]
        let b = TenantPopulation(configuration, streams: RandomStreams(seed: 9))
        #expect(a.activeUsers.elementsEqual(b.activeUsers) && a.regions.elementsEqual(b.regions))
        #expect(!a.tiers.elementsEqual(b.tiers))
    }

    /// Population plus the workload's per-tenant tables stay within 64 bytes per tenant.
    @Test func populationAndArrivalTablesFitSixtyFourBytesPerTenant() {
        let count = 100_000
        let population = TenantPopulation(Self.configuration(count: count), streams: RandomStreams(seed: 1))
        let arrivals = TenantArrivals(population: population, workload: WorkloadFixtures.workload(), streams: RandomStreams(seed: 1))
        let perTenant = Double(population.memoryBytes + arrivals.memoryBytes) / Double(count)
        #expect(perTenant <= 64, "\(perTenant) bytes per tenant")
        #expect(perTenant >= 19, "the arrays are all counted: \(perTenant)")
    }

    @Test func appendedTenantsTakeTheNextIds() {
        let population = TenantPopulation(Self.configuration(count: 10), streams: RandomStreams(seed: 1))
        let id = population.append(.init(activeUsers: 5, tier: .premium, region: 2, products: 1))
        #expect(id == 10 && population.count == 11)
        #expect(population.tiers[10] == .premium && population.activeUsers[10] == 5 && population.regions[10] == 2)
    }
}
