import AWSModels
import Provisioning
import SimKernel

/// A small workflow the tests change: two sign-ups a second, two keyed steps of 2 s and
/// 1 s, a standard queue without duplicates that redrives after three receives, an
/// on-demand table, 1 ms DynamoDB calls and instant SQS calls, so timings are easy to follow.
func smallWorkflow() -> ProvisioningConfiguration {
    var queue = SQSQueueConfiguration(name: "provisioning", visibilityTimeout: .seconds(30), maxReceiveCount: 3, duplicateProbability: 0)
    queue.latency = .zero
    var deadLetter = SQSQueueConfiguration(name: "provisioning-dlq", retention: .seconds(1_209_600), duplicateProbability: 0)
    deadLetter.latency = .zero
    var latency = DynamoDBLatencyParameters()
    latency.getItem = .constant(0.001)
    latency.strongGetItem = .constant(0.001)
    latency.write = .constant(0.001)
    latency.throttled = .constant(0.001)
    return ProvisioningConfiguration(
        signups: SignupLoad(rate: 2),
        api: ControlPlaneConfiguration(instances: 2, threads: 8, queueCapacity: 100, handling: .constant(0.002), timeout: .seconds(30)),
        workers: WorkerPoolConfiguration(instances: 2, threads: 4),
        steps: [
            ProvisioningStep(name: "database", duration: .constant(2)),
            ProvisioningStep(name: "dns", duration: .constant(1)),
        ],
        table: DynamoDBTableConfiguration(name: "tenants", mode: .onDemand, latency: latency),
        queue: queue,
        deadLetterQueue: deadLetter)
}

/// One sign-up, one second into the run.
let oneSignup = SignupLoad(bursts: [SignupBurst(start: .seconds(1), count: 1, window: .milliseconds(1))])

/// Builds and runs a workflow for `duration`; statistics restart at `warmup`.
func run(
    _ configuration: ProvisioningConfiguration, for duration: SimTime, warmup: SimTime = .zero, seed: UInt64 = 1
) -> (system: ProvisioningSystem, simulation: Simulation) {
    let simulation = Simulation(seed: seed)
    let system = ProvisioningSystem(configuration, duration: duration, in: simulation)
    simulation.observe(warmupEnd: warmup, sampleInterval: .seconds(10))
    simulation.run(until: duration)
    return (system, simulation)
}

extension MetricTable {
    /// The value of `component,metric` whatever its unit; NaN when absent.
    subscript(component: String, metric: String) -> Double {
        guard let index = keys.firstIndex(where: { $0.component == component && $0.metric == metric }) else { return .nan }
        return values[index]
    }
}

extension ProvisioningSystem {
    /// Tenants whose sign-up ended with `outcome` (or is still in progress).
    func tenants(_ outcome: TenantOutcome) -> Int {
        ledger.outcomes.filter { $0 == outcome }.count
    }

    /// Whether every step took effect exactly once for `tenant`.
    func provisionedOnce(_ tenant: UInt32) -> Bool {
        effects.steps.indices.allSatisfy { effects.effects(tenant: tenant, step: $0) == 1 }
    }
}
