import Foundation
@testable import Scenario
import SimKernel
import Tenancy
import Testing

/// Sign-ups that reach ACTIVE become tenants that send requests.
@Suite struct SignupTenantsTests {
    /// 3,000 tenants reading a shared table, and sign-ups at 10 per second (and a burst of 600
    /// at 30 s) whose records join that table after them: about 1,800 sign-ups in 2 minutes.
    static let text = """
        name: signups
        duration: 2m
        zones: [a, b]
        services:
          web: { instances: 6, concurrency: 16, service_time: { lognormal: { median: 20ms, p99: 200ms } }, calls: [ { table: tenants, operation: get_item } ] }
        dynamodb: { tenants: { mode: on_demand } }
        edge:
          proxies: { count: 2, workers: 2 }
          virtual_hosts:
            - domains: ["*"]
              routes: [ { match: { prefix: / }, route: { cluster: web } } ]
          clusters:
            web: { service: web, lb: least_request }
        tenants:
          count: 3000
          active_users: { lognormal: { median: 3, p99: 100 } }
          tiers: { free: 0.6, standard: 0.3, premium: 0.09, enterprise: 0.01 }
          regions: { us-east-1: 0.6, eu-west-1: 0.4 }
          products: { jira: 1 }
        workload:
          requests_per_active_user_per_minute: 0.5
          diurnal: { peak_hour_local: 14, trough: 0.25 }
          routes:
            - { name: api, product: jira, authority: jira.example.com, path: /rest/api }
          slo: { free: 1s }
        provisioning:
          signups: { rate: 10, bursts: [ { at: 30s, count: 600, over: 20s } ] }
          api: { instances: 2, threads: 32 }
          table: tenants
          queue: { name: provisioning, visibility_timeout: 30s, max_receive_count: 3, dead_letter_queue: provisioning-dlq }
          workers: { instances: 4, threads: 32 }
          steps:
            - { name: database, duration: { lognormal: { median: 2s, p99: 10s } }, failure_probability: 0.05 }

        """

    static func metrics(_ text: String = text, replication: Int = 0) throws -> (MetricTable, UInt64) {
        let scenario = try ScenarioLoader.parse(text, file: "s.yaml")
        let result = ScenarioRunner.runReplication(scenario, index: replication)
        return (result.metrics, result.digest)
    }

    /// Every sign-up that is ACTIVE is a tenant, and the new tenants send.
    @Test func everyReadySignupBecomesATenantThatSends() throws {
        let (metrics, _) = try Self.metrics()
        func value(_ component: String, _ metric: String, _ unit: String = "count") throws -> Double {
            try #require(metrics.value(component, metric, unit))
        }
        let ready = try value("provisioning", "ready")
        #expect(ready > 1_200, "most sign-ups are ACTIVE within the run: \(ready)")
        #expect(try value("tenants", "added") == ready)
        #expect(try value("tenants", "not_added") == 0)
        #expect(try value("tenants", "active_end") == 3_000 + ready)
        let tiers = ["free", "standard", "premium", "enterprise"]
        let perTier = try tiers.map { try value("tenants.tier.\($0)", "tenants") }
        #expect(perTier.reduce(0, +) == 3_000 + ready, "held ids of sign-ups not ACTIVE count in no tier")
        let fromNew = try value("tenants", "requests_from_new_tenants")
        #expect(fromNew > 2_000, "\(fromNew)")
        #expect(try value("tenants", "join_delay_max", "s") <= 1)
        let reads = try value("dynamodb.tenants", "get_item")
        #expect(reads > 0.9 * (try value("edge", "responses")), "the new tenants' records are read too")
    }

    /// Run in one-second steps: at each step, no id of a sign-up that is not yet a tenant has
    /// a response, and new tenants do have responses by the end.
    @Test func newTenantsSendOnlyOnceTheyAreActive() throws {
        let scenario = try ScenarioLoader.parse(Self.text, file: "s.yaml")
        let simulation = Simulation(seed: 7, generator: scenario.generator)
        ModelAssembly.build(scenario, in: simulation)
        let components = (0..<simulation.componentCount).map { simulation.component(at: $0) }
        let outcomes = try #require(components.lazy.compactMap { $0 as? TenantOutcomes }.first)
        let signups = try #require(components.lazy.compactMap { $0 as? SignupTenants }.first)
        var admitted = Set<Int>()
        var time = SimTime.zero
        while time < scenario.duration {
            time += .seconds(1)
            _ = simulation.run(until: time)
            for id in signups.firstId..<signups.capacity {
                guard outcomes.counts(of: id).responses > 0, !admitted.contains(id) else { continue }
                // Admitted at the moment it became ACTIVE, so admitted by now.
                #expect(signups.population.isTenant(id), "id \(id) answered before it was a tenant")
                admitted.insert(id)
            }
        }
        #expect(admitted.count > 500, "\(admitted.count) new tenants answered")
        #expect(admitted.count <= signups.added)
    }

    /// Two replications on one thread and on two give the same digests; the replications differ.
    @Test func theSameSeedGivesTheSameRunOnAnyNumberOfThreads() throws {
        let scenario = try ScenarioLoader.parse(Self.text, file: "s.yaml")
        let serial = ScenarioRunner.run(scenario, replications: 2, jobs: 1).map(\.digest)
        let parallel = ScenarioRunner.run(scenario, replications: 2, jobs: 2).map(\.digest)
        #expect(serial == parallel)
        #expect(serial[0] != serial[1])
    }

    /// More sign-ups than the tables were sized for (which a run sees only when its load is
    /// far above the configured one): the ones beyond are counted, not lost, and nothing
    /// crashes. The workflow's step takes an hour here, so only the sign-ups told directly
    /// are ACTIVE.
    @Test func signupsBeyondTheCapacityAreCounted() throws {
        let text = Self.text.replacingOccurrences(of: "median: 2s, p99: 10s", with: "median: 1h, p99: 2h")
        let scenario = try ScenarioLoader.parse(text, file: "s.yaml")
        let simulation = Simulation(seed: 7, generator: scenario.generator)
        ModelAssembly.build(scenario, in: simulation)
        let signups = try #require((0..<simulation.componentCount).lazy.compactMap { simulation.component(at: $0) as? SignupTenants }.first)
        let room = signups.capacity - signups.firstId
        for signup in 0..<(room + 25) { signups.tenantReady(UInt32(signup), in: simulation) }
        _ = simulation.run(until: .seconds(5))
        #expect(signups.added == room && signups.notAdded == 25)
        #expect(signups.population.count == signups.capacity)
    }
}
