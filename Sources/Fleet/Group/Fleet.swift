import Infra
import SimKernel

/// One fleet: an Auto Scaling group (two during a blue/green deployment) whose instances fill
/// the slots of one service's instances (or of the provisioning worker processes). It launches, configures, serves, drains, replaces
/// and terminates them, scales on the metrics the simulation measures, rolls out releases and
/// rides out faults; the edge learns of every instance that enters or leaves service through
/// service discovery.
public final class Fleet: Component {
    enum Kind: UInt32 {
        case pendingDone = 1
        case bootDone
        case applied
        case configured
        case configureTimedOut
        case started
        case warmedUp
        case drained
        case failure
        case detected
        case drift
        case metricTick
        case deploymentDue
        case rolloutTimer
        case alarmTick
    }

    public let configuration: FleetConfiguration
    let instances: [any FleetMember]
    var slots: [FleetInstance]
    let layout: SlotLayout
    /// Free slots of each zone (by the fleet's zone index), lowest on top.
    var freeSlots: [[Int]]
    var zoneDown: [Bool]
    var groups = [GroupState(), GroupState()]
    var activeGroup = 0
    var launchSerial = 0
    unowned let salt: SaltMaster
    unowned let packer: PackerPipeline
    unowned let statistics: FleetStatistics
    let defects: [ReleaseDefect]
    var defectActive: [Bool]
    /// How the service's instances serve before any release defect or drift.
    let baseSpeed: Double
    let baseErrorProbability: Double
    let deployments: [DeploymentConfiguration]
    var deploymentQueue: [Int] = []
    var waitingForImage = false
    var rollout: Rollout?
    var rolloutSerial: UInt32 = 0
    var deploymentSnapshot = (served: UInt64(0), errors: UInt64(0))
    var tracker: TargetTracker?
    /// What `backlog_per_instance` divides by the in-service instances (the queue's backlog).
    public unowned var metricSource: (any ScalingMetricSource)?
    var metricSnapshots: [MetricSnapshot]
    var alarmSnapshots: [MetricSnapshot]
    /// Scale-outs waiting for the group to reach their capacity: since when, and to how many.
    var capacityTargets: [(since: SimTime, target: Int)] = []
    let launchTimes: RandomStream
    let failureTimes: RandomStream
    let healthChecks: RandomStream
    let highstates: RandomStream
    let driftDraws: RandomStream
    let terminationDraws: RandomStream

    /// `instances` are the service's instances (or worker processes), one per slot of
    /// `SlotLayout`; `deployments` are this fleet's, in time order.
    public init(
        _ configuration: FleetConfiguration, instances: [any FleetMember], deployments: [DeploymentConfiguration], defects: [ReleaseDefect],
        salt: SaltMaster, packer: PackerPipeline, statistics: FleetStatistics, streams: RandomStreams
    ) {
        let layout = SlotLayout(configuration, deployments: deployments)
        precondition(instances.count == layout.slots, "fleet '\(configuration.name)' needs \(layout.slots) instances, one per slot")
        self.layout = layout
        self.configuration = configuration
        self.instances = instances
        slots = Array(repeating: FleetInstance(), count: instances.count)
        freeSlots = (0..<layout.zones).map { zone in Array(stride(from: zone, to: layout.slots, by: layout.zones).reversed()) }
        zoneDown = Array(repeating: false, count: layout.zones)
        self.salt = salt
        self.packer = packer
        self.statistics = statistics
        self.defects = defects
        defectActive = Array(repeating: false, count: defects.count)
        baseSpeed = instances.first?.baseBehaviour.speed ?? 1
        baseErrorProbability = instances.first?.baseBehaviour.errorProbability ?? 0
        self.deployments = deployments.sorted { $0.at < $1.at }
        tracker = configuration.autoscaling.map { TargetTracker($0, minSize: configuration.minSize, maxSize: configuration.maxSize) }
        metricSnapshots = Array(repeating: MetricSnapshot(), count: instances.count)
        alarmSnapshots = Array(repeating: MetricSnapshot(), count: instances.count)
        let prefix = "fleet.\(configuration.name)"
        launchTimes = streams.stream("\(prefix)/launch")
        failureTimes = streams.stream("\(prefix)/failures")
        healthChecks = streams.stream("\(prefix)/health")
        highstates = streams.stream("\(prefix)/highstate")
        driftDraws = streams.stream("\(prefix)/drift")
        terminationDraws = streams.stream("\(prefix)/termination")
        super.init()
        placeInitialInstances()
    }

    /// Before the run (and before the edge reads its host sets): the desired capacity is in
    /// service and warm, the warm pool full, every other slot empty.
    private func placeInitialInstances() {
        for instance in instances {
            instance.startsInService(false)
            instance.isUp = false
        }
        groups[0] = GroupState(
            desired: configuration.desiredCapacity, image: configuration.image, release: configuration.image, routesTraffic: true, managed: true)
        statistics.desiredChanged(to: configuration.desiredCapacity, at: .zero)
        for index in 0..<configuration.desiredCapacity {
            guard let slot = takeSlot(group: 0, pool: false) else { break }
            occupy(slot, group: 0, pool: false, at: .zero)
            slots[slot].protectedFromScaleIn = index < configuration.protectedInstances
            slots[slot].warmUntil = .zero
            setState(slot, .inService, at: .zero)
            instances[slot].startsInService(true)
            instances[slot].isUp = true
            applyBehaviour(slot)
        }
        for _ in 0..<warmPoolTarget {
            guard let slot = takeSlot(group: 0, pool: true) else { break }
            occupy(slot, group: 0, pool: true, at: .zero)
            setState(slot, .warmPool, at: .zero)
        }
    }

    /// Schedules the run's first events: failures of the initial instances, the metric
    /// period, the deployments.
    public func start(in simulation: Simulation) {
        for slot in slots.indices where slots[slot].state == .inService {
            scheduleFailure(slot, in: simulation)
        }
        simulation.schedule(after: metricPeriod, target: id, kind: Kind.metricTick.rawValue)
        for (index, deployment) in deployments.enumerated() {
            simulation.schedule(at: deployment.at, target: id, kind: Kind.deploymentDue.rawValue, subject: UInt32(index))
        }
    }

    var metricPeriod: SimTime { configuration.autoscaling?.period ?? .seconds(60) }

    public override func handle(_ event: Event, in simulation: Simulation) {
        guard let kind = Kind(rawValue: event.kind) else { preconditionFailure("unknown fleet event \(event.kind)") }
        let slot = Int(event.subject)
        switch kind {
        case .metricTick:
            measure(in: simulation)
            simulation.schedule(after: metricPeriod, target: id, kind: Kind.metricTick.rawValue)
        case .deploymentDue:
            deploymentQueue.append(slot)
            startNextDeployment(in: simulation)
        case .rolloutTimer:
            guard let rollout, rollout.serial == UInt32(truncatingIfNeeded: event.argument) else { return }
            rolloutTimerFired(in: simulation)
        case .alarmTick:
            guard let rollout, rollout.serial == UInt32(truncatingIfNeeded: event.argument) else { return }
            evaluateAlarm(in: simulation)
        default:
            guard slots[slot].generation == UInt32(truncatingIfNeeded: event.argument), slots[slot].state != .idle else { return }
            lifecycle(kind, slot: slot, in: simulation)
        }
        settle(in: simulation)
    }

    /// Schedules a lifecycle event of the instance now in `slot`.
    func schedule(_ kind: Kind, _ slot: Int, at time: SimTime, in simulation: Simulation) {
        simulation.schedule(at: time, target: id, kind: kind.rawValue, subject: UInt32(slot), argument: UInt64(slots[slot].generation))
    }

    /// Instances of `group` that satisfy `condition`.
    func count(group: Int, where condition: (FleetInstance) -> Bool) -> Int {
        var total = 0
        for record in slots where record.state != .idle && record.group == group && condition(record) { total += 1 }
        return total
    }

    /// The local index of a scenario zone in this fleet, if it spans it.
    func localZone(_ zone: Zone) -> Int? {
        configuration.zones.firstIndex(of: zone)
    }

    func zone(of slot: Int) -> Int { slot % layout.zones }
}
