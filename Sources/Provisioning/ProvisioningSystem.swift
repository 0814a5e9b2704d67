import AWSModels
import SimKernel

/// The provisioning workflow built inside one simulation: the tenant table, the queue and
/// its dead-letter queue, the API, the workers, the sign-up source and the faults, all
/// registered and started.
public struct ProvisioningSystem {
    public let statistics: ProvisioningStatistics
    public let ledger: TenantLedger
    public let effects: StepEffects
    public let table: DynamoDBTable
    public let queue: SQSQueue
    public let deadLetterQueue: SQSQueue?
    public let api: ControlPlaneAPI
    public let workers: ProvisioningWorkers
    public let signups: SignupSource

    /// Builds the workflow for a run of `duration` (which sizes its tables), on `sharedTable`
    /// when the configuration shares the applications' table (registered with them), with
    /// `workerProcesses` when a fleet runs them (already placed by it).
    public init(
        _ configuration: ProvisioningConfiguration, duration: SimTime, sharedTable: DynamoDBTable? = nil, workerProcesses: [WorkerProcess]? = nil,
        in simulation: Simulation
    ) {
        precondition(configuration.sharesTable == (sharedTable != nil), "a shared table is given exactly when the configuration shares one")
        let streams = simulation.streams
        let expected = configuration.signups.expectedCount(over: duration)
        ledger = TenantLedger(expectedTenants: expected)
        effects = StepEffects(steps: configuration.steps, expectedTenants: expected, streams: streams)
        if let sharedTable {
            table = sharedTable
        } else {
            var tableConfiguration = configuration.table
            tableConfiguration.expectedItems = max(tableConfiguration.expectedItems, expected)
            table = DynamoDBTable(configuration: tableConfiguration, streams: streams, at: simulation.now)
        }
        deadLetterQueue = configuration.deadLetterQueue.map { SQSQueue(configuration: $0, streams: streams) }
        queue = SQSQueue(configuration: configuration.queue, deadLetterQueue: deadLetterQueue, streams: streams)
        statistics = ProvisioningStatistics(ledger: ledger, effects: effects, table: table, queue: queue)
        api = ControlPlaneAPI(configuration: configuration, table: table, queue: queue, ledger: ledger, effects: effects, streams: streams)
        workers = ProvisioningWorkers(
            configuration: configuration, table: table, queue: queue, ledger: ledger, effects: effects, processes: workerProcesses, streams: streams)
        signups = SignupSource(load: configuration.signups, api: api, streams: streams)
        statistics.summarize(api: api, workers: workers)

        simulation.register(statistics)
        simulation.register(api)
        simulation.register(workers)
        if sharedTable == nil { simulation.register(table) }
        simulation.register(queue)
        if let deadLetterQueue { simulation.register(deadLetterQueue) }
        simulation.register(signups)
        for cut in configuration.capacityCuts {
            let fault = TableCapacityFault(table: table, cut: cut)
            simulation.register(fault)
            fault.schedule(in: simulation)
        }
        workers.start(in: simulation)
        signups.start(in: simulation)
    }
}
