import AWSModels
import Provisioning
import SimKernel
import Testing

/// A step that outlasts the visibility timeout: the message reappears while the first
/// delivery still works on it.
@Suite struct VisibilityTimeoutTests {
    /// One tenant, one keyed step of 50 s, a 20 s visibility timeout, no heartbeat.
    func longStep(heartbeat: VisibilityHeartbeat?, idempotencyKey: Bool = true) -> ProvisioningConfiguration {
        var configuration = smallWorkflow()
        configuration.signups = oneSignup
        configuration.steps = [ProvisioningStep(name: "database", duration: .constant(50), idempotencyKey: idempotencyKey)]
        configuration.queue.visibilityTimeout = .seconds(20)
        configuration.queue.maxReceiveCount = 10
        configuration.workers = WorkerPoolConfiguration(instances: 1, threads: 4, heartbeat: heartbeat)
        return configuration
    }

    /// Received at 1 s, 21 s and 41 s by three threads: the second and third find the step
    /// running under its idempotency key and wait for it; when it ends (51 s) the first
    /// delivery advances the record and the other two lose their conditional writes. The
    /// first delivery's delete names a stale receipt, so the message comes back once more
    /// (61 s) and that delivery finds the record ACTIVE and deletes it. Four deliveries, one
    /// database.
    @Test func withoutHeartbeatTheMessageIsProcessedAgainButProvisionedOnce() {
        let (system, simulation) = run(longStep(heartbeat: nil), for: .seconds(120))
        let metrics = simulation.report()
        #expect(system.tenants(.ready) == 1)
        #expect(system.provisionedOnce(0))
        #expect(metrics["provisioning.workers", "deliveries"] == 4)
        #expect(metrics["provisioning.workers", "redeliveries"] == 3)
        #expect(metrics["provisioning.workers", "conflicts"] == 2)
        #expect(metrics["provisioning.workers", "idempotent_noops"] == 1)
        #expect(metrics["provisioning.workers", "duplicates_processed"] == 3)
        #expect(metrics["provisioning", "step_executions"] == 1)
        #expect(metrics["provisioning", "step_noops"] == 2)
        #expect(metrics["sqs.provisioning", "deletes_stale"] == 1)
        #expect(system.queue.storedMessages == 0)
        let readyAt = system.ledger.signedUpAt[0].seconds + metrics["provisioning", "time_to_ready_mean"]
        #expect(abs(readyAt - 51.0) < 0.05)
    }

    /// The same with a heartbeat every 5 s setting the visibility to 20 s: one delivery.
    @Test func aHeartbeatKeepsTheMessageHiddenSoItIsProcessedOnce() {
        let (system, simulation) = run(longStep(heartbeat: VisibilityHeartbeat(interval: .seconds(5), timeout: .seconds(20))), for: .seconds(120))
        let metrics = simulation.report()
        #expect(system.tenants(.ready) == 1)
        #expect(system.provisionedOnce(0))
        #expect(metrics["provisioning.workers", "deliveries"] == 1)
        #expect(metrics["provisioning.workers", "duplicates_processed"] == 0)
        #expect(metrics["provisioning.workers", "visibility_extensions"] == 10)
        #expect(metrics["sqs.provisioning", "messages_received"] == 1)
        #expect(metrics["sqs.provisioning", "deletes_stale"] == 0)
        #expect(system.queue.storedMessages == 0)
    }

    /// Without an idempotency key the second and third deliveries do the work again: three
    /// databases for one tenant, which the record's conditional writes cannot undo.
    @Test func withoutAnIdempotencyKeyTheWorkIsDoneAgain() {
        let (system, simulation) = run(longStep(heartbeat: nil, idempotencyKey: false), for: .seconds(150))
        let metrics = simulation.report()
        #expect(system.tenants(.ready) == 1)
        #expect(system.effects.effects(tenant: 0, step: 0) == 3)
        #expect(metrics["provisioning", "step_executions"] == 3)
        #expect(metrics["provisioning", "duplicate_effects"] == 2)
        #expect(metrics["provisioning", "tenants_with_duplicate_effects"] == 1)
    }
}
