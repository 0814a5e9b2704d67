import SimKernel

/// The JSON Schema (draft 2020-12) of the scenario format, for editors: they validate and
/// complete scenario files as people type, and show each key's description on hover.
///
/// The readers (ScenarioLoader and Schema/*.swift) are the truth; this says as much of it as
/// JSON Schema can: types, required and unknown keys, names of policies, ranges, the
/// duration syntax. Cross-references (a cluster's service exists), sums of shares and
/// orderings (min <= max) are left to `rehearse validate`. The test suite checks every
/// shipped scenario, and documents the readers reject, against this schema.
public enum ScenarioJSONSchema {
    public static let identifier = "https://rehearse.dev/schema/scenario.json"

    /// The top-level keys, in the order ScenarioLoader reads them.
    ///
    /// Adding a section (`fleets:`): describe it in a file beside this one, mirroring its
    /// reader (`FleetJSONSchema.swift` for `FleetSchema.swift`, with `properties` for its
    /// top-level key and `definitions` for its `$defs`), then add those two to `properties`
    /// and `definitions` below; if the section is a model of its own or needs another
    /// section, say so in `dependencies` and `models`.
    static let properties: [JSONSchema.Property] = [
        .required("name", .ref("scenarioName"), "What the scenario is called: the run directory's name and the 'scenario' column of every CSV."),
        .optional("description", .ref("text"), "The question the scenario answers, for reports."),
        .optional(
            "seed", .integer(minimum: 0).with("maximum", .integer(UInt64.max)),
            "Seeds every replication's random streams: the same seed gives the same bytes.", default: 1),
        .required("duration", .ref("positiveDuration"), "Simulated time of each replication."),
        .optional("warmup", .ref("duration"), "Statistics restart when the warm-up ends; it must end before 'duration'.", default: "0s"),
        .optional(
            "replications", .integer(1...Scenario.maximumReplications),
            "Independent runs, each with its own seed derived from 'seed'.", default: 1),
        .optional("sample_interval", .ref("positiveDuration"), "Time series resolution, at most 'duration'. Default: duration / 100."),
        .optional(
            "random",
            .object([
                .optional(
                    "generator", .choice(RandomStream.Generator.allCases.map(\.rawValue)),
                    "GSL generator of every stream: mt19937 (about 5 KB of state) or taus2 (24 bytes, for when streams are many).",
                    default: .string(RandomStream.Generator.mt19937.rawValue)),
            ]),
            "The random number generator."),
    ] + NetworkJSONSchema.properties + PlatformJSONSchema.properties + EdgeJSONSchema.properties + TrafficJSONSchema.properties
        + TenancyJSONSchema.properties + SidecarJSONSchema.properties + FleetJSONSchema.properties + ImageJSONSchema.properties
        + SaltJSONSchema.properties + DeploymentJSONSchema.properties + ProvisioningJSONSchema.properties + SweepJSONSchema.properties

    static let definitions: [[String: JSONSchema]] = [
        ScalarJSONSchema.definitions, DistributionJSONSchema.definitions, NetworkJSONSchema.definitions, PlatformJSONSchema.definitions,
        EdgeJSONSchema.definitions, ClusterJSONSchema.definitions, RouteJSONSchema.definitions, TrafficJSONSchema.definitions,
        TenancyJSONSchema.definitions, SidecarJSONSchema.definitions, FleetJSONSchema.definitions, ImageJSONSchema.definitions,
        SaltJSONSchema.definitions, DeploymentJSONSchema.definitions, FleetFaultJSONSchema.definitions, ProvisioningJSONSchema.definitions,
        DynamoDBTableJSONSchema.definitions,
        SQSQueueJSONSchema.definitions, SDKRetryJSONSchema.definitions, SweepJSONSchema.definitions,
        ["scenarioName": JSONSchema.ref("text").with("pattern", "\\S").described("A name that is not blank.")],
    ]

    /// Sections that need others: the network needs both halves; the traffic goes through
    /// the edge, and so does the tenants' workload; the sidecar checks the edge's requests;
    /// tables are called by services; fleets launch from images, and images, Packer, Salt
    /// and deployments are for fleets. The edge's need for one source of requests is in
    /// `clients`, the fleets' need for services or workers to run in `fleetRunners`.
    static let dependencies: [String: [String]] = [
        "sources": ["stations"], "stations": ["sources"], "traffic": ["edge"], "sidecar": ["edge"],
        "tenants": ["workload"], "workload": ["tenants", "edge"], "dynamodb": ["services"],
        "fleets": ["images"], "images": ["fleets"], "packer": ["fleets"], "salt": ["fleets"], "deployments": ["fleets"],
    ]

    /// The edge needs exactly one source of requests: 'traffic', or the tenants' 'workload'
    /// (a null section is one left out).
    static let clients: [JSONValue] = [
        ["anyOf": [["required": ["traffic"]], ["required": ["workload"]], ["properties": ["edge": ["type": "null"]]]]],
        ["anyOf": [["properties": ["traffic": ["type": "null"]]], ["properties": ["workload": ["type": "null"]]]]],
    ]

    /// Fleets run services, or the provisioning workers.
    static let fleetRunners: JSONValue = [
        "anyOf": [["required": ["services"]], ["required": ["provisioning"]], ["properties": ["fleets": ["type": "null"]]]],
    ]

    /// A scenario needs a model: a queueing network, some of the architecture, or the
    /// provisioning workflow (a sweep is not one: it varies a model).
    static let models = [
        "sources", "stations", "zones", "network", "services", "edge", "traffic", "tenants", "workload", "faults", "sidecar", "fleets",
        "provisioning",
    ]

    /// The schema document.
    public static let document: JSONValue = {
        var defs: [String: JSONValue] = [:]
        for section in definitions {
            for (name, schema) in section {
                precondition(defs[name] == nil, "two sections define '\(name)'")
                defs[name] = schema.json
            }
        }
        var root = JSONSchema.object(properties)
        root.keywords["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root.keywords["$id"] = .string(identifier)
        root.keywords["title"] = "rehearse scenario"
        root.keywords["description"] = .string(
            "A rehearse scenario: a queueing network (sources and stations), an architecture (services, edge, traffic or tenants and workload, sidecar) "
                + "or the provisioning workflow, with its run settings and, for rehearse sweep, a grid. Durations carry a unit (250ms, 1.5s, 5m, 1h, 2d).")
        root.keywords["$defs"] = .object(defs)
        root.keywords["dependentRequired"] = .object(dependencies.mapValues { .array($0.map(JSONValue.string)) })
        root.keywords["anyOf"] = .array(models.map { ["required": [.string($0)]] })
        root.keywords["allOf"] = .array(clients + [fleetRunners])
        return root.json
    }()

    /// The document as `rehearse schema` prints it.
    public static var text: String { document.text }
}
