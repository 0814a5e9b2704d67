import Fleet
import Infra
import SimKernel

/// Reads `fleets:` with `images:`, `packer:`, `salt:` and `deployments:`, and gives each
/// service that runs on a fleet its instances: one per slot the fleet may ever use.
///
/// ```yaml
/// fleets:
///   jira:
///     image: jira-v42
///     instance_type: { name: m6i.xlarge, vcpus: 4, memory_gib: 16, hourly_price: 0.192 }
///     zones: [a, b, c]                      # default: every zone
///     desired_capacity: 12
///     min_size: 6                           # default: the desired capacity
///     max_size: 30                          # default: the desired capacity
///     launch: { pending: 20s, boot: 5s, app_bootstrap: 60s, configure_at_boot: true }
///     health_check: { type: elb, interval: 30s, unhealthy_threshold: 2, grace_period: 300s }
///     deregistration_delay: 300s
///     mtbf: 30d
///     drift: { patch_probability: 0.05, mean_time_to_drift: 30d, error_probability: 0.01, speed: 0.8 }
///     autoscaling: { metric: cpu_utilization, target: 0.6, instance_warmup: 120s }
///     protected_instances: 0
///     warm_pool: { state: stopped, min_size: 0, max_prepared_capacity: 30, reuse_on_scale_in: false }
/// services:
///   jira-web: { fleet: jira, concurrency: 16, service_time: 40ms }
/// ```
///
/// A fleet runs one service, or the provisioning workers (`provisioning.workers.fleet`), whose
/// processes are its instances; only such a fleet can scale on `backlog_per_instance`.
enum FleetSchema {
    /// What a fleet of the provisioning workers gives as its service: no service can be named
    /// so (names have no dots).
    static let workersService = "provisioning.workers"

    struct Nodes {
        var fleets: YAMLNode?
        var images: YAMLNode?
        var packer: YAMLNode?
        var salt: YAMLNode?
        var deployments: YAMLNode?
    }

    /// The names of the fleets, before they are read, for services to refer to.
    static func names(_ node: YAMLNode?) -> [String] {
        guard let node, case .mapping(let entries) = node.content else { return [] }
        return entries.map(\.key)
    }

    static func read(
        _ nodes: Nodes, zones: [String], services: inout [Platform.Service], workersFleet: YAMLNode? = nil, duration: SimTime
    ) throws(Diagnostic) -> FleetsConfiguration {
        let workers = try workersFleet?.text("'provisioning.workers.fleet'")
        guard let fleetsNode = nodes.fleets else {
            for (key, node) in [("images", nodes.images), ("packer", nodes.packer), ("salt", nodes.salt), ("deployments", nodes.deployments)] {
                if let node { throw Diagnostic.error(at: node.location, "'\(key)' needs 'fleets': the fleets it is for") }
            }
            return FleetsConfiguration()
        }
        guard let imagesNode = nodes.images else {
            throw Diagnostic.error(at: fleetsNode.location, "'fleets' needs 'images': the images their instances launch from")
        }
        var configuration = FleetsConfiguration()
        configuration.images = try ImageSchema.images(imagesNode, duration: duration)
        configuration.packer = try ImageSchema.packer(nodes.packer)
        configuration.salt = try SaltSchema.read(nodes.salt)
        var reader = try MappingReader(fleetsNode, context: "'fleets'")
        if let workers, !reader.keys.contains(workers) {
            var message = "'provisioning.workers.fleet' names unknown fleet '\(workers)'"
            if let suggestion = MappingReader.closest(to: workers, among: reader.keys) { message += "; did you mean '\(suggestion)'?" }
            throw Diagnostic.error(at: workersFleet!.location, message)
        }
        var serviceOf: [(fleet: String, service: Int)] = []
        for entry in reader.allEntries() {
            try YAMLNode.checkName(entry.key, what: "fleet name", at: entry.keyLocation)
            let users = services.indices.filter { services[$0].fleet == entry.key }
            if workers == entry.key {
                if let user = users.first {
                    throw Diagnostic.error(
                        at: workersFleet!.location,
                        "fleet '\(entry.key)' runs service '\(services[user].name)'; the provisioning workers need a fleet of their own")
                }
                configuration.fleets.append(try fleet(entry, service: workersService, zones: zones, images: configuration.images))
                continue
            }
            guard let user = users.first else {
                throw Diagnostic.error(
                    at: entry.keyLocation,
                    "fleet '\(entry.key)' runs no service: give one service 'fleet: \(entry.key)', or the workers ('provisioning.workers.fleet')")
            }
            guard users.count == 1 else {
                let names = users.map { "'\(services[$0].name)'" }.joined(separator: " and ")
                throw Diagnostic.error(at: entry.keyLocation, "fleet '\(entry.key)' is named by services \(names); a fleet runs one service")
            }
            configuration.fleets.append(try fleet(entry, service: services[user].name, zones: zones, images: configuration.images))
            serviceOf.append((entry.key, user))
        }
        configuration.deployments = try DeploymentSchema.read(
            nodes.deployments, fleets: configuration.fleets, images: configuration.images, duration: duration)
        for (fleet, service) in serviceOf {
            let index = configuration.fleets.firstIndex { $0.name == fleet }!
            services[service].instances = configuration.slots(ofFleet: index)
            services[service].zones = configuration.fleets[index].zones.map { Int($0.index) }
        }
        return configuration
    }

    private static func fleet(_ entry: YAMLNode.Entry, service: String, zones: [String], images: [ImageDefinition]) throws(Diagnostic) -> FleetConfiguration {
        let what = "fleet '\(entry.key)'"
        var r = try MappingReader(entry.value, context: what)
        let image = try ImageSchema.image(try r.required("image"), "\(what) image", images: images)
        let instanceType = try instanceType(try r.required("instance_type"), what)
        var fleetZones = zones.indices.map { Zone($0) }
        if let zonesNode = r.optional("zones") {
            guard case .sequence(let items) = zonesNode.content, !items.isEmpty else {
                throw Diagnostic.error(at: zonesNode.location, "\(what) zones must be a list of zone names")
            }
            fleetZones = []
            for item in items {
                let zone = Zone(try PlatformSchema.zoneIndex(item, zones: zones, "\(what) zone"))
                if fleetZones.contains(zone) { throw Diagnostic.error(at: item.location, "\(what) lists zone '\(zones[Int(zone.index)])' twice") }
                fleetZones.append(zone)
            }
        }
        let desiredNode = try r.required("desired_capacity")
        let desired = try desiredNode.integer("\(what) desired_capacity", in: 0...100_000)
        let minNode = r.optional("min_size")
        let minSize = try minNode?.integer("\(what) min_size", in: 0...100_000) ?? desired
        let maxNode = r.optional("max_size")
        let maxSize = try maxNode?.integer("\(what) max_size", in: 1...100_000) ?? max(desired, 1)
        guard minSize <= desired else {
            throw Diagnostic.error(at: minNode?.location ?? desiredNode.location, "\(what) needs min_size <= desired_capacity (\(minSize) > \(desired))")
        }
        guard desired <= maxSize else {
            throw Diagnostic.error(at: maxNode?.location ?? desiredNode.location, "\(what) needs desired_capacity <= max_size (\(desired) > \(maxSize))")
        }
        var fleet = FleetConfiguration(
            name: entry.key, service: service, image: image, instanceType: instanceType, zones: fleetZones, minSize: minSize, maxSize: maxSize,
            desiredCapacity: desired)
        if let n = r.optional("launch") { fleet.launch = try launch(n, what) }
        if let n = r.optional("health_check") { fleet.healthCheck = try healthCheck(n, what) }
        fleet.deregistrationDelay = try r.optional("deregistration_delay")?.duration("\(what) deregistration_delay") ?? fleet.deregistrationDelay
        fleet.meanTimeBetweenFailures = try r.optional("mtbf")?.positiveDuration("\(what) mtbf")
        if let n = r.optional("drift") { fleet.drift = try drift(n, what) }
        if let n = r.optional("autoscaling") { fleet.autoscaling = try autoscaling(n, what, runsWorkers: service == workersService) }
        if let n = r.optional("protected_instances") {
            fleet.protectedInstances = try n.integer("\(what) protected_instances", in: 0...desired)
        }
        if let n = r.optional("warm_pool") { fleet.warmPool = try warmPool(n, what, maxSize: maxSize) }
        try r.finish()
        return fleet
    }

    private static func instanceType(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> InstanceType {
        let context = "\(what) instance_type"
        var r = try MappingReader(node, context: context)
        let name = try r.required("name").text("\(context) name")
        let vcpus = try r.required("vcpus").integer("\(context) vcpus", in: 1...10_000)
        let memory = try r.required("memory_gib").positiveNumber("\(context) memory_gib")
        let price = try r.required("hourly_price").nonNegativeNumber("\(context) hourly_price")
        try r.finish()
        return InstanceType(name: name, vcpus: vcpus, memoryGiB: memory, hourlyPrice: price)
    }

    private static func launch(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> LaunchTimings {
        var timings = LaunchTimings.defaults
        var r = try MappingReader(node, context: "\(what) launch")
        if let n = r.optional("pending") { timings.pending = try DistributionSchema.read(n, "\(what) launch pending", values: .durations) }
        if let n = r.optional("boot") { timings.boot = try DistributionSchema.read(n, "\(what) launch boot", values: .durations) }
        if let n = r.optional("app_bootstrap") { timings.appBootstrap = try DistributionSchema.read(n, "\(what) launch app_bootstrap", values: .durations) }
        timings.configureAtBoot = try r.optional("configure_at_boot")?.boolean("\(what) launch configure_at_boot") ?? timings.configureAtBoot
        try r.finish()
        return timings
    }

    private static func healthCheck(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> HealthCheckConfiguration {
        let context = "\(what) health_check"
        var r = try MappingReader(node, context: context)
        var kind = HealthCheckConfiguration.Kind.elb
        if let typeNode = r.optional("type") {
            let name = try typeNode.text("\(context) type")
            guard let value = HealthCheckConfiguration.Kind(rawValue: name) else {
                throw Diagnostic.error(at: typeNode.location, "\(context) type is ec2 or elb, found '\(name)'")
            }
            kind = value
        }
        var check = HealthCheckConfiguration.defaults(kind)
        check.interval = try r.optional("interval")?.positiveDuration("\(context) interval") ?? check.interval
        check.unhealthyThreshold = try r.optional("unhealthy_threshold")?.integer("\(context) unhealthy_threshold", in: 1...100) ?? check.unhealthyThreshold
        check.gracePeriod = try r.optional("grace_period")?.duration("\(context) grace_period") ?? check.gracePeriod
        try r.finish()
        return check
    }

    private static func drift(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> DriftConfiguration {
        let context = "\(what) drift"
        var drift = DriftConfiguration()
        var r = try MappingReader(node, context: context)
        drift.patchProbability = try r.optional("patch_probability")?.probability("\(context) patch_probability") ?? drift.patchProbability
        if let n = r.optional("mean_time_to_drift") {
            drift.meanTimeToDrift = try n.text("\(context) mean_time_to_drift") == "never" ? nil : try n.positiveDuration("\(context) mean_time_to_drift")
        }
        drift.errorProbability = try r.optional("error_probability")?.probability("\(context) error_probability") ?? drift.errorProbability
        drift.speed = try r.optional("speed")?.positiveNumber("\(context) speed") ?? drift.speed
        try r.finish()
        return drift
    }

    private static func autoscaling(_ node: YAMLNode, _ what: String, runsWorkers: Bool) throws(Diagnostic) -> TargetTrackingConfiguration {
        let context = "\(what) autoscaling"
        var r = try MappingReader(node, context: context)
        let metricNode = try r.required("metric")
        let metricName = try metricNode.text("\(context) metric")
        guard let metric = TargetTrackingConfiguration.Metric(rawValue: metricName) else {
            let known = TargetTrackingConfiguration.Metric.allCases.map(\.rawValue)
            var message = "\(context) metric is one of \(known.joined(separator: ", ")), found '\(metricName)'"
            if let suggestion = MappingReader.closest(to: metricName, among: known) { message += "; did you mean '\(suggestion)'?" }
            throw Diagnostic.error(at: metricNode.location, message)
        }
        if metric == .backlogPerInstance, !runsWorkers {
            throw Diagnostic.error(
                at: metricNode.location, "\(context) metric backlog_per_instance is for the provisioning workers' fleet (the queue they drain)")
        }
        let targetNode = try r.required("target")
        let target = try targetNode.positiveNumber("\(context) target")
        if metric == .cpuUtilization, target > 1 {
            throw Diagnostic.error(at: targetNode.location, "\(context) target is a utilization between 0 and 1 (0.6 for 60%), found \(target.formatted)")
        }
        var scaling = TargetTrackingConfiguration(metric: metric, target: target)
        scaling.period = try r.optional("metric_period")?.positiveDuration("\(context) metric_period") ?? scaling.period
        scaling.scaleOutDatapoints = try r.optional("scale_out_datapoints")?.integer("\(context) scale_out_datapoints", in: 1...1_000) ?? scaling.scaleOutDatapoints
        scaling.scaleInDatapoints = try r.optional("scale_in_datapoints")?.integer("\(context) scale_in_datapoints", in: 1...1_000) ?? scaling.scaleInDatapoints
        if let n = r.optional("scale_in_ratio") {
            scaling.scaleInRatio = try n.probability("\(context) scale_in_ratio")
            guard scaling.scaleInRatio > 0 else { throw Diagnostic.error(at: n.location, "\(context) scale_in_ratio must be above zero") }
        }
        scaling.instanceWarmup = try r.optional("instance_warmup")?.duration("\(context) instance_warmup")
        scaling.scaleOutCooldown = try r.optional("scale_out_cooldown")?.duration("\(context) scale_out_cooldown") ?? scaling.scaleOutCooldown
        scaling.scaleInCooldown = try r.optional("scale_in_cooldown")?.duration("\(context) scale_in_cooldown") ?? scaling.scaleInCooldown
        scaling.disableScaleIn = try r.optional("disable_scale_in")?.boolean("\(context) disable_scale_in") ?? scaling.disableScaleIn
        try r.finish()
        return scaling
    }

    private static func warmPool(_ node: YAMLNode, _ what: String, maxSize: Int) throws(Diagnostic) -> WarmPoolConfiguration {
        let context = "\(what) warm_pool"
        var pool = WarmPoolConfiguration()
        var r = try MappingReader(node, context: context)
        if let stateNode = r.optional("state") {
            let name = try stateNode.text("\(context) state")
            guard let state = WarmPoolConfiguration.PoolState(rawValue: name) else {
                throw Diagnostic.error(at: stateNode.location, "\(context) state is stopped or running, found '\(name)'")
            }
            pool.state = state
        }
        pool.minSize = try r.optional("min_size")?.integer("\(context) min_size", in: 0...100_000) ?? pool.minSize
        pool.maxPreparedCapacity = try r.optional("max_prepared_capacity")?.integer("\(context) max_prepared_capacity", in: 0...100_000)
        pool.reuseOnScaleIn = try r.optional("reuse_on_scale_in")?.boolean("\(context) reuse_on_scale_in") ?? pool.reuseOnScaleIn
        try r.finish()
        return pool
    }
}
