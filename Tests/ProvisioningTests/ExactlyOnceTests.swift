import AWSModels
import Provisioning
import SimKernel
import Testing

/// At-least-once delivery, exactly-once effect.
@Suite struct ExactlyOnceTests {
    /// A queue that leaves a copy behind on a third of its deletes, batches of ten that
    /// outlast their visibility timeout, eventually consistent reads and failing steps:
    /// messages are delivered again and again, yet every step of every tenant takes effect
    /// once, because the steps carry idempotency keys and the record advances by
    /// conditional writes.
    @Test func withDuplicatesSwitchedOnEachTenantIsProvisionedOnce() {
        var configuration = smallWorkflow()
        configuration.signups = SignupLoad(rate: 4)
        configuration.queue.duplicateProbability = 0.3
        configuration.queue.visibilityTimeout = .seconds(8)
        configuration.queue.maxReceiveCount = 50
        configuration.workers = WorkerPoolConfiguration(instances: 3, threads: 6, receiveBatch: 10, consistentReads: false)
        configuration.steps = [
            ProvisioningStep(name: "database", duration: .uniform(lower: 1, upper: 4), failureProbability: 0.1),
            ProvisioningStep(name: "dns", duration: .exponential(mean: 1), failureProbability: 0.05),
        ]
        let (system, simulation) = run(configuration, for: .seconds(900))
        let metrics = simulation.report()
        let signedUp = system.ledger.count
        let ready = (0..<UInt32(signedUp)).filter { system.ledger.outcomes[Int($0)] == .ready }
        #expect(signedUp > 3_000)
        #expect(ready.count > signedUp * 9 / 10)
        #expect(ready.allSatisfy { system.provisionedOnce($0) })
        #expect(metrics["provisioning", "duplicate_effects"] == 0)
        #expect(metrics["sqs.provisioning", "duplicates_delivered"] > 500)
        #expect(metrics["provisioning.workers", "idempotent_noops"] > 500)
        #expect(metrics["provisioning.workers", "conflicts"] > 10)
        #expect(metrics["provisioning", "step_noops"] > 10)
        #expect(metrics["provisioning", "step_failures"] > 100)
    }
}
