import AWSModels
import Provisioning
import SimKernel
import Testing

/// Failures retry through redelivery and end in the dead-letter queue.
@Suite struct DeadLetterTests {
    /// A step that always fails: received at 1 s, 31 s and 61 s (the visibility timeout is
    /// 30 s); the third receive is the last allowed, so that delivery records FAILED; the
    /// fourth receive, at 91 s, passes maxReceiveCount and moves the message to the DLQ.
    @Test func aFailingMessageEndsInTheDeadLetterQueueAfterMaxReceiveCount() {
        var configuration = smallWorkflow()
        configuration.signups = oneSignup
        configuration.steps = [ProvisioningStep(name: "database", duration: .constant(2), failureProbability: 1)]
        let (system, simulation) = run(configuration, for: .seconds(89))
        #expect(system.tenants(.failed) == 1)
        #expect(system.queue.storedMessages == 1)
        #expect(system.deadLetterQueue?.storedMessages == 0)
        simulation.run(until: .seconds(95))
        let metrics = simulation.report()
        #expect(system.queue.storedMessages == 0)
        #expect(system.deadLetterQueue?.visibleMessages == 1)
        #expect(metrics["provisioning.workers", "deliveries"] == 3)
        #expect(metrics["provisioning.workers", "abandoned"] == 2)
        #expect(metrics["provisioning", "dead_lettered"] == 1)
        #expect(metrics["sqs.provisioning", "messages_dead_lettered"] == 1)
        #expect(metrics["sqs.provisioning-dlq", "messages_redriven_in"] == 1)
        #expect(metrics["provisioning", "step_failures"] == 3)
        #expect(system.effects.effects(tenant: 0, step: 0) == 0)
    }

    /// Steps that fail half the time: every tenant that failed three times is FAILED and its
    /// message is in the DLQ; every other tenant is ready.
    @Test func everyFailedTenantHasItsMessageInTheDeadLetterQueue() {
        var configuration = smallWorkflow()
        configuration.signups = SignupLoad(bursts: [SignupBurst(start: .seconds(1), count: 400, window: .seconds(60))])
        configuration.steps = [ProvisioningStep(name: "database", duration: .constant(1), failureProbability: 0.5)]
        configuration.workers = WorkerPoolConfiguration(instances: 2, threads: 16)
        let (system, simulation) = run(configuration, for: .seconds(600))
        let metrics = simulation.report()
        let failed = system.tenants(.failed)
        #expect(failed > 20 && failed < 100)
        #expect(system.tenants(.ready) + failed == 400)
        #expect(system.deadLetterQueue?.visibleMessages == failed)
        #expect(metrics["provisioning", "dead_lettered"] == Double(failed))
        #expect(system.queue.storedMessages == 0)
    }
}
