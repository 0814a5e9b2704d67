import AWSModels
import Provisioning
import SimKernel
import Testing

/// Synchronous provisioning: the steps run inside the sign-up request, on the API's thread.
@Suite struct SynchronousModeTests {
    func synchronous(steps: [ProvisioningStep], timeout: SimTime) -> ProvisioningConfiguration {
        var configuration = smallWorkflow()
        configuration.mode = .synchronous
        configuration.signups = SignupLoad(bursts: [SignupBurst(start: .seconds(1), count: 20, window: .seconds(10))])
        configuration.steps = steps
        configuration.api = ControlPlaneConfiguration(instances: 2, threads: 16, handling: .constant(0.002), timeout: timeout)
        configuration.workers = WorkerPoolConfiguration(instances: 2, threads: 16)
        return configuration
    }

    /// Steps of 2 s and 1 s: each request is answered 201 after about 3 s (2 ms of handling,
    /// four 1 ms writes), nothing is queued, and the workers have nothing to do.
    @Test func theRequestAnswersWhenTheStepsAreDone() {
        let (system, simulation) = run(synchronous(steps: smallWorkflow().steps, timeout: .seconds(30)), for: .seconds(60))
        let metrics = simulation.report()
        #expect(system.tenants(.ready) == 20)
        #expect(metrics["provisioning.api", "accepted"] == 20)
        #expect(abs(metrics["provisioning.api", "latency_mean"] - 3.005) < 1e-6)
        #expect(metrics["provisioning.api", "client_timeouts"] == 0)
        #expect(metrics["sqs.provisioning", "messages_sent"] == 0)
        #expect(metrics["provisioning.workers", "deliveries"] == 0)
        #expect(abs(metrics["provisioning", "time_to_ready_mean"] - 3.005) < 1e-6)
    }

    /// Steps longer than the client's timeout: every client gives up after 30 s (and sees an
    /// error), but the server goes on and every tenant is ready after 40 s, without anyone
    /// being told.
    @Test func clientsTimeOutWhileTheServerFinishes() {
        let steps = [ProvisioningStep(name: "database", duration: .constant(40))]
        let (system, simulation) = run(synchronous(steps: steps, timeout: .seconds(30)), for: .seconds(100))
        let metrics = simulation.report()
        #expect(metrics["provisioning.api", "client_timeouts"] == 20)
        #expect(metrics["provisioning.api", "answers_after_timeout"] == 20)
        #expect(metrics["provisioning.api", "latency_mean"].isNaN)
        #expect(system.tenants(.ready) == 20)
        #expect(abs(metrics["provisioning", "time_to_ready_mean"] - 40.004) < 1e-6)
    }

    /// The same steps asynchronously: the API answers 202 in 4 ms, well inside the timeout.
    @Test func asynchronouslyTheSameStepsDoNotTimeOut() {
        var configuration = synchronous(steps: [ProvisioningStep(name: "database", duration: .constant(40))], timeout: .seconds(30))
        configuration.mode = .async
        configuration.queue.visibilityTimeout = .seconds(60)
        let (system, simulation) = run(configuration, for: .seconds(100))
        let metrics = simulation.report()
        #expect(metrics["provisioning.api", "client_timeouts"] == 0)
        #expect(abs(metrics["provisioning.api", "latency_mean"] - 0.003) < 1e-6)
        #expect(system.tenants(.ready) == 20)
    }

    /// One instance with two threads and a queue of two: a burst of sign-ups that each hold a
    /// thread for 3 s overflows it, and the overflow is answered 503 at once.
    @Test func aFullAPIQueueRejectsSignups() {
        var configuration = synchronous(steps: smallWorkflow().steps, timeout: .seconds(30))
        configuration.api = ControlPlaneConfiguration(instances: 1, threads: 2, queueCapacity: 2, handling: .constant(0.002), timeout: .seconds(30))
        let (system, simulation) = run(configuration, for: .seconds(60))
        let metrics = simulation.report()
        #expect(metrics["provisioning.api", "rejected_overloaded"] > 5)
        #expect(Double(system.tenants(.rejected)) == metrics["provisioning.api", "rejected_overloaded"])
        #expect(system.tenants(.ready) + system.tenants(.rejected) == 20)
    }
}
