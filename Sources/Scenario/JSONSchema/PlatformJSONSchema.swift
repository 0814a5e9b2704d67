import Infra

/// `zones:`, `network:`, `services:` (with their table calls), `faults:` and `dynamodb:`, as
/// Schema/PlatformSchema.swift and Schema/ApplicationCallsSchema.swift read them.
enum PlatformJSONSchema {
    static let properties: [JSONSchema.Property] = [
        .optional(
            "zones", .array(of: .ref("name"), minItems: 1, maxItems: 256, unique: true),
            "Availability zones; services and proxies are spread over them in turn.", default: ["a"]),
        .optional("network", .ref("network"), "One-way network latencies."),
        .optional(
            "services", .map(names: .string(pattern: ScalarJSONSchema.namePattern), values: .ref("service")),
            "Application services, by name: their instances are the edge's upstream hosts."),
        .optional("faults", .array(of: .ref("fault")), "Faults injected during the run."),
        .optional(
            "dynamodb", .map(names: .string(pattern: ScalarJSONSchema.namePattern), values: .ref("namedDynamoDBTable"), minProperties: 1),
            "DynamoDB tables by name, called by the services' 'calls'; metrics under dynamodb.<name>."),
    ]

    static let definitions: [String: JSONSchema] = [
        "network": JSONSchema.object([
            .optional(
                "same_zone", .ref("distribution"), "One way between two hosts in the same zone.",
                default: ScalarJSONSchema.duration(NetworkLatency.datacenter.sameZone)),
            .optional(
                "cross_zone", .ref("distribution"), "One way between hosts in different zones.",
                default: ScalarJSONSchema.duration(NetworkLatency.datacenter.crossZone)),
            .optional("client", .ref("distribution"), "One way between a client and an edge proxy.", default: "2ms"),
        ]).described("One-way latencies; the defaults are assumptions for a cloud region."),
        "service": JSONSchema.object([
            .optional("instances", .integer(1...100_000), "Number of instances (not with 'fleet')."),
            .optional(
                "fleet", .ref("text"),
                "The fleet (from 'fleets') whose instances run the service: it decides how many and where (not with 'instances', 'zones', 'slow')."),
            .optional(
                "zones", .array(of: .ref("text"), minItems: 1),
                "Zones (from the top-level 'zones') the instances are spread over, in turn. Default: all."),
            .optional("concurrency", .integer(1...100_000), "Requests an instance serves at once (threads, event-loop slots).", default: 1),
            .optional(
                "queue_capacity", .integer(0...100_000_000),
                "Requests allowed to wait for a slot; beyond it the instance answers 503. Default: no bound."),
            .required("service_time", .ref("distribution"), "Time to serve one request at full speed."),
            .optional("error_probability", .ref("probability"), "Probability that a served request fails with 'error_status'.", default: 0),
            .optional("error_status", .integer(500...599), "The status of failed requests.", default: 500),
            .optional("weight", .integer(1...128), "The instances' load-balancing weight as upstream hosts.", default: 1),
            .optional(
                "slow",
                .object([
                    .required("instances", .integer(0...100_000), "How many instances (the first ones) are slow; at most 'instances'."),
                    .required("speed", .number(exclusiveMinimum: 0), "Their speed: service times are divided by it (0.25 is four times slower)."),
                    .optional("weight", .integer(1...128), "Their load-balancing weight. Default: the service's weight."),
                ]),
                "A heterogeneous fleet: some instances run slower."),
            .optional(
                "calls", .array(of: .anyOf([.ref("tableCall"), .ref("serviceCall"), .ref("edgeCall")]), minItems: 1),
                "Calls the application makes after its service time, one after another: DynamoDB calls keyed by the request's tenant, "
                    + "and calls to other services, directly or through the edge; its slot is free meanwhile. "
                    + "Metrics under service.<name>.calls and sdk.<name>.dynamodb (and edge,internal_* for calls through the edge)."),
            .optional("sdk", .ref("sdkRetry"), "The retry policy of each instance's DynamoDB client (needs 'calls').", default: "standard-2026"),
            .optional(
                "call_failure_status", .integer(500...599), "The answer when the SDK gives up on a call (needs 'calls').", default: 503),
            .optional(
                "routes", .map(names: .ref("name"), values: .ref("routeBehaviour"), minProperties: 1),
                "Routes (of 'traffic' or 'workload', by name) whose requests are served differently from the defaults above."),
        ]).with("dependentRequired", ["sdk": ["calls"], "call_failure_status": ["calls"]])
        .with("anyOf", [
            ["required": ["instances"], "properties": ["fleet": ["type": "null"]]],
            ["required": ["fleet"], "properties": ["instances": ["type": "null"], "zones": ["type": "null"], "slow": ["type": "null"]]],
        ]).described("An application service: identical instances, each with request slots and a queue; 'instances' of its own or a 'fleet'."),
        "routeBehaviour": JSONSchema.object([
            .optional("service_time", .ref("distribution"), "The route's time to serve one request at full speed. Default: the service's."),
            .optional("error_probability", .ref("probability"), "The route's probability that a request fails. Default: the service's."),
        ]).with("minProperties", 1).described("How a service serves one route's requests."),
        "serviceCall": JSONSchema.object([
            .required("service", .ref("text"), "Another service (not this one, and not in a circle of calls), called directly."),
            .optional("probability", .ref("probability"), "The share of requests that make the call.", default: 1),
        ]).described("A call to another service, to one of its instances in service at random; a 5xx, refusal or reset fails the request."),
        "edgeCall": JSONSchema.object([
            .required(
                "edge_route", .ref("text"),
                "A request of 'traffic' or route of 'workload', by name, whose route leads to another service (not back to this one, "
                    + "even through other services' calls)."),
            .optional("probability", .ref("probability"), "The share of requests that make the call.", default: 1),
        ]).described(
            "A call to another service through the edge: a new request of the route, for the request's tenant, user and tier, that a proxy routes "
                + "with its clusters, balancers, retries, timeouts and circuit breakers; a 5xx (Envoy's local replies included) fails the request. "
                + "Needs 'edge'."),
        "tableCall": JSONSchema.object([
            .required("table", .ref("text"), "A table of the top-level 'dynamodb'."),
            .required("operation", .choice(ApplicationCallsSchema.operations), "GetItem, PutItem or UpdateItem of the tenant's item."),
            .optional("consistency", .choice(["eventual", "strong"]), "Reads: how consistent (strong costs twice as much).", default: "eventual"),
            .optional("item_size", .ref("byteSize"), "Writes (and needed there): the item's size, which sets what the write costs: 1B to 400KB."),
            .optional("probability", .ref("probability"), "The share of requests that make the call.", default: 1),
        ]).with("anyOf", [
            ["properties": ["operation": ["const": "get_item"], "item_size": false]],
            ["required": ["item_size"], "properties": ["operation": ["enum": ["put_item", "update_item"]], "consistency": false]],
        ]).described("One DynamoDB call of an application, for the request's tenant."),
        "fault": JSONSchema.object([
            .required("at", .ref("duration"), "When the fault starts (before the run ends)."),
            .optional(
                "stop_instances",
                .object([
                    .required("service", .ref("text"), "The service whose instances stop."),
                    .required("instances", .array(of: .integer(minimum: 0), minItems: 1), "Instance numbers, from 0."),
                    .optional("for", .ref("positiveDuration"), "How long they stay down. Default: to the end of the run."),
                ]),
                "Instances that stop: calls to them are refused (a reset). Not for services on a fleet."),
            .optional("zone_outage", .ref("zoneOutage"), "A zone fails: its instances crash, and fleets launch in the other zones."),
            .optional("bad_image", .ref("badImage"), "A bad build: instances running the image's release serve worse."),
        ]).exactlyOne(of: ["stop_instances", "zone_outage", "bad_image"]).described("A fault injected during the run: one of stop_instances, zone_outage, bad_image."),
    ]

}
