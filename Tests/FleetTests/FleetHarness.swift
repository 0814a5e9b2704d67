@testable import Fleet
import Infra
import SimKernel

/// Sends Poisson calls to the service's in-service instances, which it learns of through
/// service discovery as the edge does; the rate may change at run time.
final class LoadGenerator: Component, ServiceDiscoveryListener {
    var rate: Double
    private var members: [ServiceInstance] = []
    private let arrivals: RandomStream
    private let choice: RandomStream
    private(set) var sent = 0
    private(set) var answered = 0

    init(rate: Double, instances: [ServiceInstance], streams: RandomStreams) {
        self.rate = rate
        arrivals = streams.stream("load/arrivals")
        choice = streams.stream("load/choice")
        super.init()
        for instance in instances {
            instance.addDiscoveryListener(self)
            if instance.isInService { members.append(instance) }
        }
    }

    func start(in simulation: Simulation) {
        simulation.schedule(after: SimTime(seconds: arrivals.exponential(mean: 1 / rate)), target: id, kind: 1)
    }

    func instance(_ instance: ServiceInstance, inService: Bool, in simulation: Simulation) {
        if inService {
            members.append(instance)
        } else {
            members.removeAll { $0 === instance }
        }
    }

    override func handle(_ event: Event, in simulation: Simulation) {
        if event.kind == UpstreamMessage.responseKind {
            answered += 1
            return
        }
        if !members.isEmpty {
            let target = members[choice.index(below: members.count)]
            let call = UpstreamMessage.Call(caller: id, callerZone: target.zone, slot: UInt32(sent & 0xFFFF), generation: 1, requestClass: 0)
            UpstreamMessage.send(call, to: target.id, after: .zero, in: simulation)
            sent += 1
        }
        simulation.schedule(after: SimTime(seconds: arrivals.exponential(mean: 1 / rate)), target: id, kind: 1)
    }
}

/// A fleet over one service's instances with deterministic timings by default, its Salt
/// master and Packer, and optionally a load.
struct FleetHarness {
    let simulation: Simulation
    let fleet: Fleet
    let statistics: FleetStatistics
    let salt: SaltMaster
    let packer: PackerPipeline
    let service: ServiceStatistics
    let instances: [ServiceInstance]
    var load: LoadGenerator?

    static let instanceType = InstanceType(name: "m6i.large", vcpus: 2, memoryGiB: 8, hourlyPrice: 0.5)

    /// Launch: 20 s pending, 5 s boot, 60 s application start; Salt: 29 requests of 100 ms
    /// before a 45 s apply and one after; no failures.
    static func configuration(desired: Int, min: Int? = nil, max: Int? = nil, zones: Int = 3) -> FleetConfiguration {
        var configuration = FleetConfiguration(
            name: "web", service: "web", image: 0, instanceType: instanceType, zones: (0..<zones).map { Zone($0) },
            minSize: min ?? desired, maxSize: max ?? Swift.max(desired, 1), desiredCapacity: desired)
        configuration.launch = LaunchTimings(pending: .constant(20), boot: .constant(5), appBootstrap: .constant(60), configureAtBoot: true)
        configuration.healthCheck = HealthCheckConfiguration(kind: .elb, interval: .seconds(10), unhealthyThreshold: 2, gracePeriod: .zero)
        return configuration
    }

    static let salt = SaltConfiguration(
        workerThreads: 5, requestCPU: .constant(0.1), requestsPerHighstate: 30, highstate: .constant(45), failureProbability: 0, timeout: .seconds(1_800))

    init(
        _ configuration: FleetConfiguration, deployments: [DeploymentConfiguration] = [], defects: [ReleaseDefect] = [],
        images: [ImageDefinition] = [ImageDefinition(name: "v1"), ImageDefinition(name: "v2")], salt saltConfiguration: SaltConfiguration = FleetHarness.salt,
        packer packerConfiguration: PackerConfiguration = PackerConfiguration(failureProbability: 0),
        instance: ServiceInstanceConfiguration = ServiceInstanceConfiguration(concurrency: 4, serviceTime: .exponential(mean: 0.05)),
        load rate: Double? = nil, warmup: SimTime = .zero, seed: UInt64 = 1
    ) {
        simulation = Simulation(seed: seed)
        service = ServiceStatistics(name: "web")
        simulation.register(service)
        let slots = SlotLayout(configuration, deployments: deployments).slots
        let network = NetworkLatency(sameZone: .constant(0.000_25), crossZone: .constant(0.001))
        var instances: [ServiceInstance] = []
        for index in 0..<slots {
            let zone = configuration.zones[index % configuration.zones.count]
            let instance = ServiceInstance(service: service, index: index, zone: zone, configuration: instance, network: network, streams: simulation.streams)
            simulation.register(instance)
            service.add(instance)
            instances.append(instance)
        }
        self.instances = instances
        salt = SaltMaster(saltConfiguration, streams: simulation.streams)
        simulation.register(salt)
        packer = PackerPipeline(packerConfiguration, images: images, streams: simulation.streams)
        simulation.register(packer)
        statistics = FleetStatistics(name: configuration.name, instanceType: configuration.instanceType)
        simulation.register(statistics)
        fleet = Fleet(
            configuration, instances: instances, deployments: deployments, defects: defects, salt: salt, packer: packer, statistics: statistics,
            streams: simulation.streams)
        simulation.register(fleet)
        packer.addListener(fleet)
        if let rate {
            let generator = LoadGenerator(rate: rate, instances: instances, streams: simulation.streams)
            simulation.register(generator)
            generator.start(in: simulation)
            load = generator
        }
        for (index, defect) in defects.enumerated() {
            let fault = ReleaseDefectFault(defect, index: index, fleets: [fleet])
            simulation.register(fault)
            fault.schedule(in: simulation)
        }
        packer.start(in: simulation)
        fleet.start(in: simulation)
        simulation.observe(warmupEnd: warmup, sampleInterval: nil)
    }

    /// Instances in the service's host set now.
    var inService: Int { instances.filter(\.isInService).count }

    func count(_ state: InstanceState) -> Int { fleet.slots.filter { $0.state == state }.count }

    /// Changes the group's desired capacity now, as a scaling policy would.
    func setDesired(_ desired: Int) {
        fleet.setDesired(desired, group: fleet.activeGroup, at: simulation.now)
        fleet.settle(in: simulation)
    }

    /// Runs to `end` in steps of `step`, calling `check` after each.
    func run(until end: SimTime, step: SimTime = .seconds(1), _ check: (SimTime) -> Void = { _ in }) {
        var time = simulation.now
        while time < end {
            time = min(time + step, end)
            simulation.run(until: time)
            check(time)
        }
    }

    var report: MetricTable { simulation.report() }

    func metric(_ name: String, _ unit: String = "count") -> Double? {
        report.value("fleet.web", name, unit)
    }
}
