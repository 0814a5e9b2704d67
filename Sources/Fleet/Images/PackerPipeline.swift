import SimKernel

/// Packer's bakes: images whose bake starts during the run queue for a limited number of
/// builders; an attempt takes a provisioning time and a snapshot-and-register time, fails at
/// its end with the configured probability and is then retried, until the retries run out.
/// Fleets waiting for an image hear when it is available or has failed. Reports `packer`.
public final class PackerPipeline: Component {
    public enum ImageStatus: Equatable, Sendable {
        case available
        case baking
        case failed
    }

    private enum Kind: UInt32 {
        case bakeDue = 1
        case attemptEnded
    }

    private let configuration: PackerConfiguration
    private let images: [ImageDefinition]
    public private(set) var status: [ImageStatus]
    private var attemptsMade: [Int]
    private var builders: FCFSServers
    private var listeners: [ComponentLink<Fleet>] = []
    private let durations: RandomStream
    private let outcomes: RandomStream
    private var attempts = Counter()
    private var failedAttempts = Counter()
    private var baked = Counter()
    private var failed = Counter()
    /// From the bake's scheduled start to the image's availability: queueing and retries included.
    private var readyTimes = LatencyRecorder(percentiles: false)

    public init(_ configuration: PackerConfiguration, images: [ImageDefinition], streams: RandomStreams) {
        self.configuration = configuration
        self.images = images
        status = images.map { $0.bakeAt == nil ? .available : .baking }
        attemptsMade = Array(repeating: 0, count: images.count)
        builders = FCFSServers(servers: configuration.builders, percentiles: false)
        durations = streams.stream("packer/bake")
        outcomes = streams.stream("packer/failures")
    }

    /// `fleet` hears about every image that becomes available or fails.
    func addListener(_ fleet: Fleet) {
        listeners.append(ComponentLink(fleet))
    }

    public func start(in simulation: Simulation) {
        for (index, image) in images.enumerated() {
            if let at = image.bakeAt { simulation.schedule(at: at, target: id, kind: Kind.bakeDue.rawValue, subject: UInt32(index)) }
        }
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        let image = Int(event.subject)
        switch Kind(rawValue: event.kind) {
        case .bakeDue:
            attempt(image, in: simulation)
        case .attemptEnded:
            if outcomes.bernoulli(configuration.failureProbability) {
                failedAttempts.increment()
                if attemptsMade[image] <= configuration.retries {
                    attempt(image, in: simulation)
                    return
                }
                status[image] = .failed
                failed.increment()
            } else {
                status[image] = .available
                baked.increment()
                readyTimes.record(simulation.now - images[image].bakeAt!)
            }
            for listener in listeners { listener.target.imageSettled(image, in: simulation) }
        case nil:
            preconditionFailure("unknown packer event \(event.kind)")
        }
    }

    private func attempt(_ image: Int, in simulation: Simulation) {
        attemptsMade[image] += 1
        attempts.increment()
        let work = configuration.provision.sampleTime(durations) + configuration.snapshot.sampleTime(durations)
        let (_, end) = builders.arrive(at: simulation.now, service: work)!
        simulation.schedule(at: end, target: id, kind: Kind.attemptEnded.rawValue, subject: UInt32(image))
    }

    public override func resetStatistics(at time: SimTime) {
        attempts.reset()
        failedAttempts.reset()
        baked.reset()
        failed.reset()
        readyTimes.reset()
        builders.resetStatistics(at: time)
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        builders.advance(to: time)
        let s = builders.statistics
        table.append("packer", "images_baked", "count", Double(baked.sinceReset))
        table.append("packer", "images_failed", "count", Double(failed.sinceReset))
        table.append("packer", "bake_attempts", "count", Double(attempts.sinceReset))
        table.append("packer", "bake_attempts_failed", "count", Double(failedAttempts.sinceReset))
        table.append("packer", "image_ready_time_mean", "s", readyTimes.mean)
        table.append("packer", "builder_wait_mean", "s", s.waits.mean)
        table.append("packer", "builder_utilization", "ratio", s.busyServers.mean(at: time) / Double(builders.servers))
    }
}
