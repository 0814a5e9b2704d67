import Infra

/// `traffic:`, the clients' open-loop load, as Schema/TrafficSchema.swift reads it.
enum TrafficJSONSchema {
    static let properties: [JSONSchema.Property] = [
        .optional("traffic", .ref("traffic"), "The clients' open-loop load through the edge (needs 'edge')."),
    ]

    static let definitions: [String: JSONSchema] = [
        "traffic": JSONSchema.object([
            .required("rate", .number(exclusiveMinimum: 0), "Requests per second, a Poisson stream."),
            .optional("tenants", .integer(1...100_000_000), "Tenants the requests come from.", default: 1),
            .optional("tenant_skew", .number(minimum: 0), "Zipf exponent of tenant popularity; 0 is uniform.", default: 0),
            .optional(
                "zones", .map(names: .string(pattern: ScalarJSONSchema.namePattern), values: .ref("probability"), minProperties: 1),
                "Clients' shares by zone, summing to 1: { a: 0.5, b: 0.5 }. Default: equal shares."),
            .optional("users_per_tenant", .integer(1...10_000_000), "Users per tenant; a request comes from one of its tenant's users, uniformly.", default: 1),
            .optional(
                "tiers",
                .map(names: .choice(Tier.allCases.map(\.name)), values: .ref("probability"), minProperties: 1),
                "Tenants' shares by tier, summing to 1: { free: 0.55, standard: 0.35, premium: 0.09, enterprise: 0.01 }. Default: all free."),
            .required("requests", .array(of: .ref("requestKind"), minItems: 1, maxItems: 4096), "The kinds of request clients send."),
        ]).described("The clients' open-loop load."),
        "requestKind": JSONSchema.object([
            .optional("name", .ref("name"), "The kind's name, unique. Default: request-<number>.")
        ] + requestAttributes + [
            .optional(
                "weight", .number(minimum: 0), "Relative share of the requests; 0 for a kind clients never send, that services call through the edge.",
                default: 1),
        ]).described("A kind of request."),
    ]

    /// What a request says about itself, which routes, hash policies and descriptors read:
    /// shared by the clients' request kinds and the tenants' routes, as the readers share
    /// `TrafficSchema.requestAttributes`.
    static let requestAttributes: [JSONSchema.Property] = [
        .required("authority", .ref("text"), "The Host (:authority) header, matched against virtual hosts' domains."),
        .required("path", .string(pattern: "^/"), "The request path, starting with '/'."),
        .optional("method", .ref("text"), "The HTTP method.", default: "GET"),
        .optional(
            "headers", .map(values: .ref("text")),
            "Request headers; '{tenant}' in a value stands for the tenant's id: { x-tenant-id: \"{tenant}\" }."),
    ]
}
