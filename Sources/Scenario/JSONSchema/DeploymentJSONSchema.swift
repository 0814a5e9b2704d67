import Fleet

/// `deployments:` as Schema/DeploymentSchema.swift reads it: the keys of every strategy in
/// one mapping, with those of the other strategies left out.
enum DeploymentJSONSchema {
    static let properties: [JSONSchema.Property] = [
        .optional("deployments", .array(of: .ref("deployment")), "Releases rolled out to fleets at scheduled times (needs 'fleets')."),
    ]

    private static let refresh = InstanceRefreshPreferences()
    private static let inPlace = InPlacePreferences()
    private static let blueGreen = BlueGreenPreferences()
    private static let alarm = DeploymentAlarm(errorRatio: 0)
    private static let refreshKeys = [
        "max_healthy_percentage", "checkpoints", "checkpoint_delay", "instance_warmup", "bake_time", "skip_matching", "protected_instances",
    ]
    private static let inPlaceKeys = ["batch_size", "drain", "patch", "failure_probability", "drift_probability"]

    /// The keys only `strategy` takes are absent (or null) for the others.
    private static func strategy(_ name: String, without keys: [String]) -> JSONValue {
        var properties: [String: JSONValue] = ["strategy": ["const": .string(name)]]
        for key in keys { properties[key] = ["type": "null"] }
        return ["properties": .object(properties)]
    }

    static let definitions: [String: JSONSchema] = [
        "deployment": JSONSchema.object([
            .required("at", .ref("duration"), "When the deployment is due (before the run ends); one fleet's deployments run one at a time."),
            .required("fleet", .ref("text"), "The fleet (from 'fleets')."),
            .required("image", .ref("text"), "The release (from 'images'); immutable strategies wait for it to be baked."),
            .required(
                "strategy", .choice(["immutable_refresh", "blue_green", "in_place"]),
                "immutable_refresh: an instance refresh; blue_green: a second group, then a switch; in_place: Salt patches running instances."),
            .optional(
                "min_healthy_percentage", .integer(0...100), "In-service instances kept, as a percentage of the desired capacity (refresh, in place).",
                default: .integer(refresh.minHealthyPercentage)),
            .optional(
                "max_healthy_percentage", .integer(100...200), "Instances allowed at once, as a percentage of the desired capacity (refresh).",
                default: .integer(refresh.maxHealthyPercentage)),
            .optional("checkpoints", .oneOrMore(.integer(1...100)), "Rising percentages replaced at which the refresh pauses."),
            .optional(
                "checkpoint_delay", .ref("duration"), "The pause at each checkpoint.", default: ScalarJSONSchema.duration(refresh.checkpointDelay)),
            .optional(
                "instance_warmup", .ref("duration"),
                "How long a new instance must be in service to count as healthy (refresh). Default: the scaling policy's warm-up, or the grace period."),
            .optional("bake_time", .ref("duration"), "Wait after the last replacement, alarms watched (refresh).", default: "0s"),
            .optional("skip_matching", .ref("boolean"), "Leave instances that already run the release (refresh).", default: false),
            .optional(
                "protected_instances", .choice(InstanceRefreshPreferences.ProtectedInstances.allCases.map(\.rawValue)),
                "Scale-in protected instances during a refresh: refresh them, ignore them, or wait (the refresh never ends).",
                default: .string(refresh.protectedInstances.rawValue)),
            .optional(
                "keep_original", .ref("duration"), "How long the original group stands by after the switch (blue/green).",
                default: ScalarJSONSchema.duration(blueGreen.keepOriginal)),
            .optional(
                "batch_size", .integer(1...100_000), "Instances patched at once (in place). Default: as many as min_healthy_percentage allows."),
            .optional("drain", .ref("duration"), "Drain before patching (in place). Default: the fleet's deregistration delay."),
            .optional("patch", .ref("distribution"), "The patch's highstate time (in place). Default: Salt's highstate."),
            .optional("failure_probability", .ref("probability"), "Probability that a patch fails (in place). Default: Salt's."),
            .optional("drift_probability", .ref("probability"), "Probability that a patch leaves drift (in place). Default: the fleet's."),
            .optional("auto_rollback", .ref("boolean"), "Roll back to the previous release when the deployment fails.", default: false),
            .optional("alarm", .ref("deploymentAlarm"), "An alarm on the new release's error ratio that fails the deployment."),
            .optional(
                "max_failed_instances", .integer(1...100_000), "The deployment fails once this many of its instances fail.", default: 3),
        ]).with("anyOf", [
            strategy("immutable_refresh", without: ["keep_original"] + inPlaceKeys),
            strategy("blue_green", without: refreshKeys + inPlaceKeys + ["min_healthy_percentage"]),
            strategy("in_place", without: refreshKeys + ["keep_original"]),
        ]).described("A release rolled out to a fleet; the keys of other strategies than its own are errors."),
        "deploymentAlarm": JSONSchema.object([
            .required("error_ratio", .ref("probability"), "The alarm fires when the new release's instances fail more than this share of calls."),
            .optional("period", .ref("positiveDuration"), "The alarm's period.", default: ScalarJSONSchema.duration(alarm.period)),
            .optional(
                "min_requests", .integer(1...100_000_000), "Fewer calls in a period say nothing.", default: .integer(alarm.minimumRequests)),
        ]).described("A CloudWatch alarm watched during a deployment."),
    ]
}
