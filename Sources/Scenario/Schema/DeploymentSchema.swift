import Fleet
import SimKernel

/// Reads `deployments:`, releases rolled out to fleets at scheduled times.
///
/// ```yaml
/// deployments:
///   - { at: 20m, fleet: jira, image: jira-v43, strategy: immutable_refresh, min_healthy_percentage: 90,
///       max_healthy_percentage: 100, checkpoints: [50], checkpoint_delay: 5m, instance_warmup: 60s, bake_time: 0s,
///       skip_matching: false, protected_instances: ignore,
///       auto_rollback: true, alarm: { error_ratio: 0.05, period: 1m, min_requests: 100 }, max_failed_instances: 3 }
///   - { at: 20m, fleet: jira, image: jira-v43, strategy: blue_green, keep_original: 10m }
///   - { at: 20m, fleet: jira, image: jira-v43, strategy: in_place, batch_size: 2, min_healthy_percentage: 90, drain: 30s,
///       patch: { lognormal: { median: 45s, p99: 5m } }, failure_probability: 0.03, drift_probability: 0.05 }
/// ```
enum DeploymentSchema {
    static let strategies = ["immutable_refresh", "blue_green", "in_place"]

    static func read(_ node: YAMLNode?, fleets: [FleetConfiguration], images: [ImageDefinition], duration: SimTime) throws(Diagnostic) -> [DeploymentConfiguration] {
        guard let node else { return [] }
        guard case .sequence(let items) = node.content else {
            throw Diagnostic.error(at: node.location, "'deployments' must be a list")
        }
        var deployments: [DeploymentConfiguration] = []
        for (index, item) in items.enumerated() {
            deployments.append(try deployment(item, "deployment \(index + 1)", fleets: fleets, images: images, duration: duration))
        }
        return deployments
    }

    private static func deployment(
        _ node: YAMLNode, _ what: String, fleets: [FleetConfiguration], images: [ImageDefinition], duration: SimTime
    ) throws(Diagnostic) -> DeploymentConfiguration {
        var r = try MappingReader(node, context: what)
        let atNode = try r.required("at")
        let at = try atNode.duration("\(what) 'at'")
        guard at < duration else { throw Diagnostic.error(at: atNode.location, "\(what) starts after the run ends (\(duration))") }
        let fleetNode = try r.required("fleet")
        let fleetName = try fleetNode.text("\(what) fleet")
        guard let fleet = fleets.firstIndex(where: { $0.name == fleetName }) else {
            var message = "\(what) names unknown fleet '\(fleetName)'"
            if let suggestion = MappingReader.closest(to: fleetName, among: fleets.map(\.name)) { message += "; did you mean '\(suggestion)'?" }
            throw Diagnostic.error(at: fleetNode.location, message)
        }
        let image = try ImageSchema.image(try r.required("image"), "\(what) image", images: images)
        let strategyNode = try r.required("strategy")
        let strategyName = try strategyNode.text("\(what) strategy")
        let strategy: DeploymentConfiguration.Strategy
        switch strategyName {
        case "immutable_refresh": strategy = .immutableRefresh(try refresh(&r, what))
        case "blue_green": strategy = .blueGreen(try blueGreen(&r, what))
        case "in_place": strategy = .inPlace(try inPlace(&r, what))
        default:
            var message = "\(what) strategy is one of \(strategies.joined(separator: ", ")), found '\(strategyName)'"
            if let suggestion = MappingReader.closest(to: strategyName, among: strategies) { message += "; did you mean '\(suggestion)'?" }
            throw Diagnostic.error(at: strategyNode.location, message)
        }
        var deployment = DeploymentConfiguration(at: at, fleet: fleet, image: image, strategy: strategy)
        deployment.autoRollback = try r.optional("auto_rollback")?.boolean("\(what) auto_rollback") ?? false
        if let alarmNode = r.optional("alarm") { deployment.alarm = try alarm(alarmNode, what) }
        deployment.failedInstancesLimit = try r.optional("max_failed_instances")?.integer("\(what) max_failed_instances", in: 1...100_000)
            ?? deployment.failedInstancesLimit
        try r.finish()
        return deployment
    }

    private static func percentage(_ r: inout MappingReader, _ key: String, _ what: String, in range: ClosedRange<Int>, default value: Int) throws(Diagnostic) -> Int {
        try r.optional(key)?.integer("\(what) \(key)", in: range) ?? value
    }

    private static func refresh(_ r: inout MappingReader, _ what: String) throws(Diagnostic) -> InstanceRefreshPreferences {
        var p = InstanceRefreshPreferences()
        p.minHealthyPercentage = try percentage(&r, "min_healthy_percentage", what, in: 0...100, default: p.minHealthyPercentage)
        let maxNode = r.optional("max_healthy_percentage")
        p.maxHealthyPercentage = try maxNode?.integer("\(what) max_healthy_percentage", in: 100...200) ?? p.maxHealthyPercentage
        if let maxNode, p.maxHealthyPercentage - p.minHealthyPercentage > 100 {
            throw Diagnostic.error(at: maxNode.location, "\(what) max_healthy_percentage may exceed min_healthy_percentage by at most 100")
        }
        if let checkpoints = r.optional("checkpoints") {
            for item in checkpoints.list() {
                let value = try item.integer("\(what) checkpoint", in: 1...100)
                if let last = p.checkpoints.last, value <= last {
                    throw Diagnostic.error(at: item.location, "\(what) checkpoints must rise")
                }
                p.checkpoints.append(value)
            }
        }
        p.checkpointDelay = try r.optional("checkpoint_delay")?.duration("\(what) checkpoint_delay") ?? p.checkpointDelay
        p.instanceWarmup = try r.optional("instance_warmup")?.duration("\(what) instance_warmup")
        p.bakeTime = try r.optional("bake_time")?.duration("\(what) bake_time") ?? p.bakeTime
        p.skipMatching = try r.optional("skip_matching")?.boolean("\(what) skip_matching") ?? p.skipMatching
        if let n = r.optional("protected_instances") {
            let name = try n.text("\(what) protected_instances")
            guard let mode = InstanceRefreshPreferences.ProtectedInstances(rawValue: name) else {
                throw Diagnostic.error(at: n.location, "\(what) protected_instances is refresh, ignore or wait, found '\(name)'")
            }
            p.protectedInstances = mode
        }
        return p
    }

    private static func blueGreen(_ r: inout MappingReader, _ what: String) throws(Diagnostic) -> BlueGreenPreferences {
        var p = BlueGreenPreferences()
        p.keepOriginal = try r.optional("keep_original")?.duration("\(what) keep_original") ?? p.keepOriginal
        return p
    }

    private static func inPlace(_ r: inout MappingReader, _ what: String) throws(Diagnostic) -> InPlacePreferences {
        var p = InPlacePreferences()
        p.batchSize = try r.optional("batch_size")?.integer("\(what) batch_size", in: 1...100_000)
        p.minHealthyPercentage = try percentage(&r, "min_healthy_percentage", what, in: 0...100, default: p.minHealthyPercentage)
        p.drain = try r.optional("drain")?.duration("\(what) drain")
        if let n = r.optional("patch") { p.patch = try DistributionSchema.read(n, "\(what) patch", values: .durations) }
        p.failureProbability = try r.optional("failure_probability")?.probability("\(what) failure_probability")
        p.driftProbability = try r.optional("drift_probability")?.probability("\(what) drift_probability")
        return p
    }

    private static func alarm(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> DeploymentAlarm {
        let context = "\(what) alarm"
        var r = try MappingReader(node, context: context)
        var alarm = DeploymentAlarm(errorRatio: try r.required("error_ratio").probability("\(context) error_ratio"))
        alarm.period = try r.optional("period")?.positiveDuration("\(context) period") ?? alarm.period
        alarm.minimumRequests = try r.optional("min_requests")?.integer("\(context) min_requests", in: 1...100_000_000) ?? alarm.minimumRequests
        try r.finish()
        return alarm
    }
}
