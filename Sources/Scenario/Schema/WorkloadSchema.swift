import EdgeProxy
import Infra
import SimKernel
import Tenancy

/// Reads `workload:`, what the tenants of `tenants:` send to the edge.
///
/// ```yaml
/// workload:
///   requests_per_active_user_per_minute: 2
///   diurnal: { peak_hour_local: 14, trough: 0.25 }     # or peak_hour_utc; default: flat
///   weekly: { mon: 1, tue: 1, wed: 1, thu: 1, fri: 0.9, sat: 0.3, sun: 0.25 }
///   clock: { start_hour_utc: 13, weekday: mon, speed: 1 }   # the calendar at time zero
///   zones: { a: 0.5, b: 0.5 }                         # load balancer nodes; default: equal
///   routes:
///     - { name: issues, product: jira, authority: jira.example.com, path: /rest/api/2/issue,
///         weight: 0.7, headers: { x-tenant-id: "{tenant}" } }
///     - { name: search, authority: search.internal, path: /search, weight: 0 }   # for services' calls through the edge
///   bursts:
///     - { name: batch, largest: 20, tier: enterprise, multiplier: 5, from: 20m, to: 40m }
///   slo: { free: 2s, standard: 1s, premium: 500ms, enterprise: 300ms }   # default: 1s each
///   noisy_neighbours: { count: 20, min_requests: 100 }
/// ```
enum WorkloadSchema {
    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    static func read(_ node: YAMLNode, tenants: TenantsConfiguration, zones: [String], duration: SimTime) throws(Diagnostic) -> WorkloadConfiguration {
        var reader = try MappingReader(node, context: "'workload'")
        let rate = try reader.required("requests_per_active_user_per_minute")
            .positiveNumber("'workload.requests_per_active_user_per_minute'")
        var calendar = try diurnal(reader.optional("diurnal"))
        if let weeklyNode = reader.optional("weekly") { calendar.weekly = try weekly(weeklyNode) }
        if let clockNode = reader.optional("clock") { try clock(clockNode, into: &calendar) }
        var shares = Array(repeating: 1.0 / Double(zones.count), count: zones.count)
        if let zonesNode = reader.optional("zones") { shares = try SharesSchema.zones(zonesNode, "'workload.zones'", zones: zones) }
        let routes = try routes(try reader.required("routes"), products: tenants.products)
        var bursts: [WorkloadConfiguration.Burst] = []
        if let burstsNode = reader.optional("bursts") { bursts = try readBursts(burstsNode, tenants: tenants.count, duration: duration) }
        var slo = Array(repeating: SimTime.seconds(1), count: Tier.allCases.count)
        if let sloNode = reader.optional("slo") {
            var sloReader = try MappingReader(sloNode, context: "'workload.slo'")
            for entry in sloReader.allEntries() {
                let tier = try TenantsSchema.tier(named: entry.key, at: entry.keyLocation)
                slo[Int(tier.rawValue)] = try entry.value.positiveDuration("'workload.slo' of '\(entry.key)'")
            }
        }
        var listLength = 20
        var minimumRequests = 100
        if let neighboursNode = reader.optional("noisy_neighbours") {
            var neighbours = try MappingReader(neighboursNode, context: "'workload.noisy_neighbours'")
            listLength = try neighbours.optional("count")?.integer("'workload.noisy_neighbours.count'", in: 1...1000) ?? listLength
            minimumRequests = try neighbours.optional("min_requests")?
                .integer("'workload.noisy_neighbours.min_requests'", in: 1...1_000_000_000) ?? minimumRequests
            try neighbours.finish()
        }
        try reader.finish()
        return WorkloadConfiguration(
            requestsPerActiveUserPerMinute: rate, calendar: calendar, routes: routes, zoneShares: shares, bursts: bursts,
            slo: slo, noisyNeighbours: listLength, p99MinimumRequests: minimumRequests)
    }

    private static func diurnal(_ node: YAMLNode?) throws(Diagnostic) -> ActivityCalendar {
        guard let node else { return ActivityCalendar(peakHour: 0, peakClock: .utc, trough: 1) }
        var reader = try MappingReader(node, context: "'workload.diurnal'")
        let utc = reader.optional("peak_hour_utc")
        let local = reader.optional("peak_hour_local")
        guard (utc == nil) != (local == nil), let peakNode = utc ?? local else {
            throw Diagnostic.error(at: node.location, "'workload.diurnal' needs exactly one of 'peak_hour_utc' and 'peak_hour_local'")
        }
        let peak = try hour(peakNode, utc != nil ? "'workload.diurnal.peak_hour_utc'" : "'workload.diurnal.peak_hour_local'")
        let trough = try reader.required("trough").probability("'workload.diurnal.trough' (activity at the quietest hour, relative to the peak)")
        try reader.finish()
        return ActivityCalendar(peakHour: peak, peakClock: utc != nil ? .utc : .local, trough: trough)
    }

    private static func hour(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> Double {
        let value = try node.number(what)
        guard value >= 0 && value < 24 else { throw Diagnostic.error(at: node.location, "\(what) must lie in [0, 24), found \(value.formatted)") }
        return value
    }

    private static func weekly(_ node: YAMLNode) throws(Diagnostic) -> [Double] {
        var reader = try MappingReader(node, context: "'workload.weekly'")
        var factors: [Double] = []
        for day in weekdays {
            factors.append(try reader.required(day).nonNegativeNumber("'workload.weekly.\(day)'"))
        }
        try reader.finish()
        guard factors.contains(where: { $0 > 0 }) else {
            throw Diagnostic.error(at: node.location, "'workload.weekly' needs a day with traffic (a factor above 0)")
        }
        return factors
    }

    private static func clock(_ node: YAMLNode, into calendar: inout ActivityCalendar) throws(Diagnostic) {
        var reader = try MappingReader(node, context: "'workload.clock'")
        if let startNode = reader.optional("start_hour_utc") {
            calendar.startHourUTC = try hour(startNode, "'workload.clock.start_hour_utc'")
        }
        if let dayNode = reader.optional("weekday") {
            let day = try dayNode.text("'workload.clock.weekday'")
            guard let index = weekdays.firstIndex(of: day) else {
                throw Diagnostic.error(at: dayNode.location, "'workload.clock.weekday' must be one of \(weekdays.joined(separator: ", ")), found '\(day)'")
            }
            calendar.startWeekday = index
        }
        if let speedNode = reader.optional("speed") {
            calendar.speed = try speedNode.positiveNumber("'workload.clock.speed' (calendar hours per simulated hour)")
        }
        try reader.finish()
    }

    private static func routes(_ node: YAMLNode, products: [TenantsConfiguration.Product]) throws(Diagnostic) -> [WorkloadConfiguration.Route] {
        guard case .sequence(let items) = node.content, !items.isEmpty else {
            throw Diagnostic.error(at: node.location, "'workload.routes' must be a non-empty list of request kinds")
        }
        guard items.count <= 4096 else { throw Diagnostic.error(at: node.location, "'workload.routes' may list at most 4096 request kinds") }
        var routes: [WorkloadConfiguration.Route] = []
        for (index, item) in items.enumerated() {
            routes.append(try route(item, number: index + 1, names: routes.map(\.request.name), products: products))
        }
        // Routes of weight 0 are sent by applications through the edge, never by tenants.
        let sent = routes.filter { $0.request.weight > 0 }
        if !sent.contains(where: { $0.product == nil }) {
            for (index, product) in products.enumerated() where product.adoption > 0 && !sent.contains(where: { $0.product == index }) {
                throw Diagnostic.error(at: node.location, "product '\(product.name)' has tenants but no route of positive weight in 'workload.routes'")
            }
            if products.isEmpty {
                throw Diagnostic.error(at: node.location, "every route of 'workload.routes' has weight 0: tenants would send nothing")
            }
        }
        return routes
    }

    private static func route(
        _ node: YAMLNode, number: Int, names: [String], products: [TenantsConfiguration.Product]
    ) throws(Diagnostic) -> WorkloadConfiguration.Route {
        var reader = try MappingReader(node, context: "route \(number)")
        let nameNode = reader.optional("name")
        let name = try nameNode?.name("route name") ?? "route-\(number)"
        if names.contains(name), let nameNode { throw Diagnostic.error(at: nameNode.location, "route '\(name)' is listed twice") }
        let what = "route '\(name)'"
        var product: Int?
        if let productNode = reader.optional("product") {
            let productName = try productNode.text("\(what) product")
            guard let index = products.firstIndex(where: { $0.name == productName }) else {
                let known = products.isEmpty ? "'tenants.products' lists none" : "known: \(products.map(\.name).joined(separator: ", "))"
                throw Diagnostic.error(at: productNode.location, "\(what) names unknown product '\(productName)' (\(known))")
            }
            product = index
        }
        let request = try TrafficSchema.requestAttributes(&reader, node, name: name, what: what)
        try reader.finish()
        return WorkloadConfiguration.Route(request: request, product: product)
    }

    private static func readBursts(_ node: YAMLNode, tenants: Int, duration: SimTime) throws(Diagnostic) -> [WorkloadConfiguration.Burst] {
        guard case .sequence(let items) = node.content else { throw Diagnostic.error(at: node.location, "'workload.bursts' must be a list") }
        var bursts: [WorkloadConfiguration.Burst] = []
        for (index, item) in items.enumerated() {
            var reader = try MappingReader(item, context: "burst \(index + 1)")
            let nameNode = reader.optional("name")
            let name = try nameNode?.name("burst name") ?? "burst-\(index + 1)"
            if bursts.contains(where: { $0.name == name }), let nameNode {
                throw Diagnostic.error(at: nameNode.location, "burst '\(name)' is listed twice")
            }
            let what = "burst '\(name)'"
            let largest = try reader.required("largest").integer("\(what) largest (how many of the largest tenants)", in: 1...tenants)
            var tier: Tier?
            if let tierNode = reader.optional("tier") { tier = try TenantsSchema.tier(named: try tierNode.text("\(what) tier"), at: tierNode.location) }
            let multiplierNode = try reader.required("multiplier")
            let multiplier = try multiplierNode.number("\(what) multiplier")
            guard multiplier >= 1 else {
                throw Diagnostic.error(at: multiplierNode.location, "\(what) multiplier must be at least 1 (bursts add traffic), found \(multiplier.formatted)")
            }
            let fromNode = try reader.required("from")
            let from = try fromNode.duration("\(what) 'from'")
            guard from < duration else { throw Diagnostic.error(at: fromNode.location, "\(what) starts after the run ends (\(duration))") }
            let toNode = try reader.required("to")
            let to = try toNode.duration("\(what) 'to'")
            guard to > from else { throw Diagnostic.error(at: toNode.location, "\(what) must end ('to') after it starts ('from')") }
            try reader.finish()
            bursts.append(.init(name: name, largest: largest, tier: tier, multiplier: multiplier, start: from, end: to))
        }
        return bursts
    }
}
