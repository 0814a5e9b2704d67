import Fleet

/// `fleets:` as Schema/FleetSchema.swift reads it, with the defaults of the Fleet
/// configuration types. Images and Packer are in ImageJSONSchema, Salt in SaltJSONSchema,
/// deployments in DeploymentJSONSchema, the fleet faults in FleetFaultJSONSchema.
enum FleetJSONSchema {
    static let properties: [JSONSchema.Property] = [
        .optional(
            "fleets", .map(names: .string(pattern: ScalarJSONSchema.namePattern), values: .ref("fleet"), minProperties: 1),
            "VM fleets (Auto Scaling groups), by name; each runs the one service that names it in 'fleet' (needs 'images')."),
    ]

    private static let check = HealthCheckConfiguration.defaults(.elb)
    private static let drift = DriftConfiguration()
    private static let scaling = TargetTrackingConfiguration(metric: .cpuUtilization, target: 0.5)
    private static let pool = WarmPoolConfiguration()

    static let definitions: [String: JSONSchema] = [
        "fleet": JSONSchema.object([
            .required("image", .ref("text"), "The image (from 'images') its instances launch from at first: the release it starts on."),
            .required("instance_type", .ref("instanceType"), "The EC2 instance type: size and on-demand price."),
            .optional(
                "zones", .array(of: .ref("text"), minItems: 1, unique: true),
                "Zones (from the top-level 'zones') the group balances its instances over. Default: all."),
            .required("desired_capacity", .integer(0...100_000), "Instances in service at the start, and the group's desired capacity."),
            .optional("min_size", .integer(0...100_000), "The least desired capacity scaling may set (at most desired_capacity). Default: desired_capacity."),
            .optional("max_size", .integer(1...100_000), "The most desired capacity scaling may set (at least desired_capacity). Default: desired_capacity."),
            .optional("launch", .ref("fleetLaunch"), "How long a launch takes, from RunInstances to a started application."),
            .optional("health_check", .ref("fleetHealthCheck"), "How the group notices dead instances."),
            .optional(
                "deregistration_delay", .ref("duration"), "How long a deregistered (draining) instance may finish the calls it holds.",
                default: "5m"),
            .optional("mtbf", .ref("positiveDuration"), "Mean time between failures of one running instance (exponential). Default: none fail."),
            .optional("drift", .ref("fleetDrift"), "Configuration drift of instances patched in place."),
            .optional("autoscaling", .ref("targetTracking"), "A target-tracking scaling policy. Default: the desired capacity stays."),
            .optional("protected_instances", .integer(0...100_000), "How many of the initial instances are protected from scale-in.", default: 0),
            .optional("warm_pool", .ref("warmPool"), "Pre-initialised instances beside the group, that skip configuration on scale-out."),
        ]).described("An Auto Scaling group running one service's instances."),
        "instanceType": JSONSchema.object([
            .required("name", .ref("text"), "The type's name (m6i.xlarge)."),
            .required("vcpus", .integer(1...10_000), "Virtual CPUs of one instance."),
            .required("memory_gib", .number(exclusiveMinimum: 0), "Memory, GiB."),
            .required("hourly_price", .number(minimum: 0), "On-demand US dollars per instance-hour (prices vary by region and over time)."),
        ]).described("An EC2 instance type.").examples([["name": "m6i.xlarge", "vcpus": 4, "memory_gib": 16, "hourly_price": 0.192]]),
        "fleetLaunch": JSONSchema.object([
            .optional(
                "pending", .ref("distribution"),
                "RunInstances until running (EC2's control plane). Default: lognormal, median 20s, p95 40s, with a 5% mode around 80s."),
            .optional("boot", .ref("distribution"), "Operating-system boot. Default: lognormal, median 5s, p99 15s."),
            .optional(
                "app_bootstrap", .ref("distribution"), "The application's start after configuration, until it passes its health check.",
                default: ScalarJSONSchema.duration(LaunchTimings.defaults.appBootstrap)),
            .optional(
                "configure_at_boot", .ref("boolean"), "Run a Salt highstate at boot (converge at boot); false for fully baked images.",
                default: .bool(LaunchTimings.defaults.configureAtBoot)),
        ]).described("Launch timings (spec section 4.2)."),
        "fleetHealthCheck": JSONSchema.object([
            .optional("type", .choice(HealthCheckConfiguration.Kind.allCases.map(\.rawValue)), "ELB target health checks or EC2 status checks.", default: "elb"),
            .optional("interval", .ref("positiveDuration"), "Time between checks. Default: 30s (elb), 60s (ec2)."),
            .optional("unhealthy_threshold", .integer(1...100), "Failed checks that mark an instance unhealthy.", default: .integer(check.unhealthyThreshold)),
            .optional(
                "grace_period", .ref("duration"), "Failed checks are ignored this long after an instance enters service (0s from the API).",
                default: ScalarJSONSchema.duration(check.gracePeriod)),
        ]).described("Health checks: a crash is noticed at the unhealthy_threshold-th failed check, and the instance replaced."),
        "fleetDrift": JSONSchema.object([
            .optional("patch_probability", .ref("probability"), "Probability that an in-place patch leaves the instance drifted.", default: .real(drift.patchProbability)),
            .optional(
                "mean_time_to_drift", .anyOf([.ref("positiveDuration"), .choice(["never"])]),
                "Mean time (exponential) for an instance patched in place to drift later on; never: only patches drift it.", default: "30d"),
            .optional("error_probability", .ref("probability"), "Added failure probability of a drifted instance's calls.", default: .real(drift.errorProbability)),
            .optional(
                "speed", .number(exclusiveMinimum: 0), "A drifted instance's speed: service times are divided by it (0.8: 25% longer).",
                default: .real(drift.speed)),
        ]).described("Drift of mutable servers (assumptions: no rate is published). Instances replaced from images never drift."),
        "targetTracking": JSONSchema.object([
            .required(
                "metric", .choice(TargetTrackingConfiguration.Metric.allCases.map(\.rawValue)),
                "cpu_utilization: busy request slots (or worker threads) over all of the in-service instances; requests_per_instance: calls (or messages) each served per minute; backlog_per_instance: the queue's visible messages per in-service instance (only on the provisioning workers' fleet)."),
            .required("target", .number(exclusiveMinimum: 0), "The value to keep the metric near (a ratio up to 1 for cpu_utilization)."),
            .optional("metric_period", .ref("positiveDuration"), "The metric's period (CloudWatch's minute).", default: ScalarJSONSchema.duration(scaling.period)),
            .optional(
                "scale_out_datapoints", .integer(1...1_000), "Consecutive periods above the target before scaling out.",
                default: .integer(scaling.scaleOutDatapoints)),
            .optional(
                "scale_in_datapoints", .integer(1...1_000), "Consecutive periods below scale_in_ratio of the target before scaling in.",
                default: .integer(scaling.scaleInDatapoints)),
            .optional(
                "scale_in_ratio", .number(exclusiveMinimum: 0, maximum: 1), "The share of the target below which a period counts toward scaling in.",
                default: .real(scaling.scaleInRatio)),
            .optional(
                "instance_warmup", .ref("duration"),
                "How long a new instance's metrics are left out, and it counts as still arriving. Default: the health check grace period."),
            .optional(
                "scale_out_cooldown", .ref("duration"), "Least time after a scale-out before the next one.",
                default: ScalarJSONSchema.duration(scaling.scaleOutCooldown)),
            .optional(
                "scale_in_cooldown", .ref("duration"), "Least time after any scaling before a scale-in.",
                default: ScalarJSONSchema.duration(scaling.scaleInCooldown)),
            .optional("disable_scale_in", .ref("boolean"), "Scale out only.", default: false),
        ]).with("anyOf", [
            ["properties": ["metric": ["enum": ["requests_per_instance", "backlog_per_instance"]]]],
            ["properties": ["target": ["maximum": 1]]],
        ]).described("Target tracking: the new capacity is ceil(instances * metric / target), within min_size and max_size."),
        "warmPool": JSONSchema.object([
            .optional(
                "state", .choice(WarmPoolConfiguration.PoolState.allCases.map(\.rawValue)),
                "stopped: not billed, started on leaving the pool; running: billed, in service after the application's start.",
                default: .string(pool.state.rawValue)),
            .optional("min_size", .integer(0...100_000), "The least the pool holds.", default: .integer(pool.minSize)),
            .optional(
                "max_prepared_capacity", .integer(0...100_000), "The pool holds this less the desired capacity. Default: max_size."),
            .optional("reuse_on_scale_in", .ref("boolean"), "Scale-in returns instances to the pool instead of terminating them.", default: false),
        ]).described("A warm pool of prepared instances."),
    ]
}
