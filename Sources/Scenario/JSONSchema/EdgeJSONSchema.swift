/// `edge:` as Schema/EdgeSchema.swift reads it: the Envoy proxies, their virtual hosts and
/// their clusters (RouteJSONSchema and ClusterJSONSchema describe those two).
enum EdgeJSONSchema {
    static let properties: [JSONSchema.Property] = [
        .optional("edge", .ref("edge"), "The Envoy edge: proxy hosts, routes and upstream clusters (needs 'traffic')."),
    ]

    static let definitions: [String: JSONSchema] = [
        "edge": JSONSchema.object([
            .required("proxies", .ref("proxies"), "The proxy hosts."),
            .required("virtual_hosts", .array(of: .ref("virtualHost"), minItems: 1), "Envoy's route configuration: virtual hosts with their routes."),
            .required(
                "clusters", .map(names: .string(pattern: ScalarJSONSchema.namePattern), values: .ref("cluster"), minProperties: 1),
                "Upstream clusters by name, each over a service's instances."),
            .optional(
                "cross_zone_load_balancing", .ref("boolean"),
                "Whether the network load balancer may send a client to a proxy in another zone even when its own zone has one.",
                default: false),
        ]).described("The Envoy edge in front of the services."),
        "proxies": JSONSchema.object([
            .required("count", .integer(1...100_000), "Number of proxy hosts."),
            .optional("workers", .integer(1...1024), "Envoy worker threads per proxy host.", default: 8),
            .optional(
                "zones", .array(of: .ref("text"), minItems: 1),
                "Zones (from the top-level 'zones') the proxies are spread over, in turn. Default: all."),
            .optional(
                "request_cpu", .ref("distribution"), "CPU time a worker spends on a request before it goes upstream (routing, filters).",
                default: "60us"),
            .optional("response_cpu", .ref("distribution"), "CPU time a worker spends on the response (and on local replies).", default: "30us"),
        ]).described("The proxy hosts; each keeps its own balancer, breakers, outlier detector and health view."),
    ]
}
