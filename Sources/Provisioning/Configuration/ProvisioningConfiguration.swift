import AWSModels
import SimKernel

/// The whole sign-up workflow: who signs up when, the API that takes them, the tenant table,
/// the queue and its dead-letter queue, the SDK clients' retry policies, the workers and the
/// steps, and injected faults.
public struct ProvisioningConfiguration: Sendable {
    public var mode: ProvisioningMode
    public var signups: SignupLoad
    public var api: ControlPlaneConfiguration
    public var workers: WorkerPoolConfiguration
    public var steps: [ProvisioningStep]
    public var table: DynamoDBTableConfiguration
    /// The tenant record's size, which sets what each write costs.
    public var recordBytes: Int
    public var queue: SQSQueueConfiguration
    /// Needed when the queue has a redrive policy (`maxReceiveCount`).
    public var deadLetterQueue: SQSQueueConfiguration?
    /// Retry policies of the DynamoDB and SQS clients (one client per API or worker process).
    public var dynamoDBRetry: SDKRetryPolicy
    public var sqsRetry: SDKRetryPolicy
    public var capacityCuts: [TableCapacityCut]
    /// Whether the table is the one the applications call (built with them), not the
    /// workflow's own.
    public var sharesTable = false
    /// New tenants' keys start here: on a shared table, after the tenants already there.
    public var tenantKeyOffset: UInt64 = 0

    public init(
        mode: ProvisioningMode = .async, signups: SignupLoad, api: ControlPlaneConfiguration, workers: WorkerPoolConfiguration,
        steps: [ProvisioningStep], table: DynamoDBTableConfiguration, recordBytes: Int = 2_048, queue: SQSQueueConfiguration,
        deadLetterQueue: SQSQueueConfiguration? = nil, dynamoDBRetry: SDKRetryPolicy = .standard2025(),
        sqsRetry: SDKRetryPolicy = .standard2025(), capacityCuts: [TableCapacityCut] = []
    ) {
        precondition((1...ProvisioningStep.maximumCount).contains(steps.count), "a workflow has 1 to \(ProvisioningStep.maximumCount) steps")
        precondition(recordBytes >= 1 && recordBytes <= CapacityUnits.maximumItemBytes, "a DynamoDB item holds 1 byte to 400 KB")
        precondition((queue.maxReceiveCount == nil) == (deadLetterQueue == nil), "a redrive policy needs a dead-letter queue, and only it")
        self.mode = mode
        self.signups = signups
        self.api = api
        self.workers = workers
        self.steps = steps
        self.table = table
        self.recordBytes = recordBytes
        self.queue = queue
        self.deadLetterQueue = deadLetterQueue
        self.dynamoDBRetry = dynamoDBRetry
        self.sqsRetry = sqsRetry
        self.capacityCuts = capacityCuts
    }
}
