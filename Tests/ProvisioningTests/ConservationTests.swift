import AWSModels
import Provisioning
import SimKernel
import Testing

/// Sign-ups are conserved: each one is ready, failed, rejected, orphaned or still in
/// progress, for the cohort measured after the warm-up as for the whole run.
@Suite struct ConservationTests {
    /// A stressed workflow: an API too small for the burst (rejections), a table whose
    /// capacity is cut (throttles, SDK retries, rejected and abandoned calls), failing
    /// steps, duplicates, a short visibility timeout, and a warm-up that ends mid-burst.
    func stressed(mode: ProvisioningMode) -> ProvisioningConfiguration {
        var configuration = smallWorkflow()
        configuration.mode = mode
        configuration.signups = SignupLoad(rate: 3, bursts: [SignupBurst(start: .seconds(30), count: 2_000, window: .seconds(60))])
        configuration.api = ControlPlaneConfiguration(instances: 2, threads: 8, queueCapacity: 20, handling: .constant(0.005), timeout: .seconds(10))
        configuration.table.mode = .provisioned(readUnits: 40, writeUnits: 40)
        configuration.table.partitions.burstInitiallyFull = false
        configuration.capacityCuts = [TableCapacityCut(start: .seconds(60), readUnits: 4, writeUnits: 4, duration: .seconds(60))]
        configuration.workers = WorkerPoolConfiguration(instances: 4, threads: 8)
        configuration.queue.duplicateProbability = 0.05
        configuration.queue.visibilityTimeout = .seconds(4)
        configuration.steps = [
            ProvisioningStep(name: "database", duration: .exponential(mean: 2), failureProbability: 0.5),
            ProvisioningStep(name: "dns", duration: .exponential(mean: 1), failureProbability: 0.1),
        ]
        return configuration
    }

    @Test(arguments: [ProvisioningMode.async, .synchronous])
    func signupsAreReadyFailedRejectedOrphanedOrInProgress(mode: ProvisioningMode) {
        let (system, simulation) = run(stressed(mode: mode), for: .seconds(150), warmup: .seconds(50))
        let metrics = simulation.report()
        let outcomes = ["ready", "failed", "rejected", "orphaned", "in_progress_end"].map { metrics["provisioning", $0] }
        #expect(metrics["provisioning", "signups"] == outcomes.reduce(0, +))
        let cohort = system.ledger.outcomes[Int(system.ledger.cohortStart)...]
        #expect(Double(cohort.count) == metrics["provisioning", "signups"])
        for (index, outcome) in [TenantOutcome.ready, .failed, .rejected, .orphaned, .inProgress].enumerated() {
            #expect(Double(cohort.filter { $0 == outcome }.count) == outcomes[index], "\(outcome)")
        }
        #expect(TenantOutcome.allCases.reduce(0) { $0 + system.tenants($1) } == system.ledger.count)
        // Every kind of ending happened, so the identity is not trivially true.
        #expect(metrics["provisioning", "ready"] > 50)
        #expect(metrics["provisioning", "rejected"] > 50)
        #expect(metrics["provisioning", "failed"] > 0)
        #expect(metrics["provisioning", "in_progress_end"] > 0)
        #expect(metrics["provisioning", "dynamodb_throttles"] > 100)
        #expect(metrics["provisioning", "sdk_retries"] > 100)
    }
}
