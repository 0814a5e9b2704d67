import Infra
import Tenancy

/// `tenants:` and `workload:` as Schema/TenantsSchema.swift and Schema/WorkloadSchema.swift
/// read them. Sums of shares, a route's product existing and a burst's window lying inside
/// the run are left to `rehearse validate`.
enum TenancyJSONSchema {
    static let properties: [JSONSchema.Property] = [
        .optional(
            "tenants", .ref("tenants"),
            "The synthetic tenant population: sizes, tiers, regions and products (needs 'workload')."),
        .optional(
            "workload", .ref("workload"),
            "What the tenants send to the edge, instead of 'traffic' (needs 'tenants' and 'edge')."),
    ]

    private static let tiers = JSONSchema.choice(Tier.allCases.map(\.name))
    private static let weekdays = WorkloadSchema.weekdays
    private static let hour = JSONSchema.number(minimum: 0).with("exclusiveMaximum", .integer(24))

    static let definitions: [String: JSONSchema] = [
        "tenants": JSONSchema.object([
            .required("count", .integer(1...100_000_000), "Tenants, generated from the scenario's seed (the same in every replication)."),
            .required(
                "active_users", .ref("numberDistribution"),
                "Active users per tenant, a distribution of numbers (heavy-tailed: lognormal or pareto); each draw is rounded, at least 1."),
            .optional(
                "tiers", .map(names: tiers, values: .ref("probability"), minProperties: 1),
                "Tenants' shares by tier, summing to 1: { free: 0.55, standard: 0.35, premium: 0.09, enterprise: 0.01 }. Default: all free."),
            .required(
                "regions",
                .map(
                    names: .string(pattern: ScalarJSONSchema.namePattern),
                    values: .oneOf([.ref("probability"), .ref("tenantRegion")]), minProperties: 1)
                    .with("maxProperties", .integer(TenantsConfiguration.maximumRegions)),
                "Tenants' shares by region, summing to 1. A known AWS region (us-east-1) takes its standard-time UTC offset; "
                    + "any other region gives { share, utc_offset }."),
            .optional(
                "products", .map(names: .string(pattern: ScalarJSONSchema.namePattern), values: .ref("probability"))
                    .with("maxProperties", .integer(TenantsConfiguration.maximumProducts)),
                "Share of tenants using each product, drawn independently; a tenant that draws none uses one. Default: one product for all."),
        ]).described("The synthetic tenant population."),
        "tenantRegion": JSONSchema.object([
            .required("share", .ref("probability"), "Share of the tenants in the region."),
            .required("utc_offset", .number(minimum: -12, maximum: 14), "Hours from UTC of the region's local time (5.5 for India)."),
        ]).described("A region with its time zone."),
        "workload": JSONSchema.object([
            .required(
                "requests_per_active_user_per_minute", .number(exclusiveMinimum: 0),
                "Each active user's requests per (simulated) minute at the busiest hour."),
            .optional("diurnal", .ref("diurnal"), "The daily curve: peak hour and trough. Default: flat."),
            .optional(
                "weekly",
                .object(weekdays.map { .required($0, .number(minimum: 0), "The factor of \($0), in local days.") }),
                "Factors by local weekday, all seven; the busiest is the peak."),
            .optional(
                "clock",
                .object([
                    .optional("start_hour_utc", hour, "The UTC hour of day at simulated time zero.", default: 0),
                    .optional("weekday", .choice(weekdays), "The UTC weekday at simulated time zero.", default: "mon"),
                    .optional(
                        "speed", .number(exclusiveMinimum: 0),
                        "Calendar hours per simulated hour: 24 plays a day in an hour (rates stay per simulated minute).", default: 1),
                ]),
                "Where the calendar stands when the run starts, and how fast it runs."),
            .optional(
                "zones", .map(names: .string(pattern: ScalarJSONSchema.namePattern), values: .ref("probability"), minProperties: 1),
                "Requests' shares by zone of the load balancer node they enter, summing to 1. Default: equal shares."),
            .required("routes", .array(of: .ref("workloadRoute"), minItems: 1, maxItems: 4096), "The kinds of request tenants send."),
            .optional("bursts", .array(of: .ref("workloadBurst")), "Tenants that send more for a while: batch jobs, flash crowds."),
            .optional(
                "slo", .map(names: tiers, values: .ref("positiveDuration")),
                "Latency objective per tier: a response within it attains the SLO. Default: 1s for every tier."),
            .optional(
                "noisy_neighbours",
                .object([
                    .optional("count", .integer(1...1000), "Tenants in each list.", default: 20),
                    .optional(
                        "min_requests", .integer(1...1_000_000_000), "Responses a tenant needs to be ranked by p99.", default: 100),
                ]),
                "The lists of tenants throttled most and with the highest p99."),
        ]).described("The tenants' requests: a rate per active user shaped by each region's day and week."),
        "diurnal": JSONSchema.object([
            .optional("peak_hour_utc", hour, "Every region peaks at this UTC hour."),
            .optional("peak_hour_local", hour, "Every region peaks at this hour of its local time."),
            .required("trough", .ref("probability"), "Activity twelve hours from the peak, relative to the peak."),
        ]).with("oneOf", [["required": ["peak_hour_utc"]], ["required": ["peak_hour_local"]]])
            .described("A raised cosine over the day: 1 at the peak hour, 'trough' twelve hours away."),
        "workloadRoute": JSONSchema.object([
            .optional("name", .ref("name"), "The route's name, unique. Default: route-<number>."),
            .optional("product", .ref("text"), "The product (of 'tenants.products') whose tenants send it. Default: every tenant."),
        ] + TrafficJSONSchema.requestAttributes + [
            .optional(
                "weight", .number(minimum: 0), "Relative share among a tenant's routes; 0 for a route tenants never send, that services call through the edge.",
                default: 1),
        ]).described("A kind of request, and the product it belongs to."),
        "workloadBurst": JSONSchema.object([
            .optional("name", .ref("name"), "The burst's name, unique. Default: burst-<number>."),
            .required("largest", .integer(1...100_000_000), "How many of the largest tenants (by active users) burst."),
            .optional("tier", tiers, "Take the largest tenants of this tier only."),
            .required("multiplier", .number(minimum: 1), "Their rate during the burst, as a multiple of their usual rate."),
            .required("from", .ref("duration"), "When the burst starts (before the run ends)."),
            .required("to", .ref("positiveDuration"), "When it ends (after 'from')."),
        ]).described("The largest tenants multiplying their rate for a while."),
    ]
}
