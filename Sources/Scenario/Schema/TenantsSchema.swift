import Infra
import SimKernel
import Tenancy

/// Reads `tenants:`, the synthetic tenant population.
///
/// ```yaml
/// tenants:
///   count: 350000
///   active_users: { lognormal: { median: 12, p99: 2000 } }   # per tenant, a distribution of numbers
///   tiers: { free: 0.55, standard: 0.35, premium: 0.09, enterprise: 0.01 }
///   regions:                        # shares; a known AWS region's UTC offset is filled in,
///     us-east-1: 0.5                # any other region gives its own
///     eu-west-1: 0.3
///     mars-1: { share: 0.2, utc_offset: 5.5 }
///   products: { jira: 0.9, confluence: 0.5 }                  # share of tenants using each
/// ```
enum TenantsSchema {
    /// Standard-time UTC offsets of AWS regions, for regions given by share alone.
    static let knownRegionOffsets: [(name: String, offset: Double)] = [
        ("us-east-1", -5), ("us-east-2", -5), ("us-west-1", -8), ("us-west-2", -8), ("ca-central-1", -5),
        ("sa-east-1", -3), ("eu-west-1", 0), ("eu-west-2", 0), ("eu-west-3", 1), ("eu-central-1", 1), ("eu-north-1", 1),
        ("eu-south-1", 1), ("me-south-1", 3), ("ap-south-1", 5.5), ("ap-southeast-1", 8), ("ap-east-1", 8),
        ("ap-northeast-1", 9), ("ap-northeast-2", 9), ("ap-southeast-2", 10),
    ]

    static func read(_ node: YAMLNode) throws(Diagnostic) -> TenantsConfiguration {
        var reader = try MappingReader(node, context: "'tenants'")
        let count = try reader.required("count").integer("'tenants.count'", in: 1...100_000_000)
        let users = try DistributionSchema.read(try reader.required("active_users"), "'tenants.active_users'", values: .numbers)
        var tierShares = [1.0, 0, 0, 0]
        if let tiersNode = reader.optional("tiers") { tierShares = try SharesSchema.tiers(tiersNode, "'tenants.tiers'") }
        let regions = try regions(try reader.required("regions"))
        var products: [TenantsConfiguration.Product] = []
        if let productsNode = reader.optional("products") { products = try readProducts(productsNode) }
        try reader.finish()
        return TenantsConfiguration(count: count, activeUsers: users, tierShares: tierShares, regions: regions, products: products)
    }

    static func tier(named name: String, at location: SourceLocation) throws(Diagnostic) -> Tier {
        guard let tier = Tier.allCases.first(where: { $0.name == name }) else {
            throw Diagnostic.error(at: location, "unknown tier '\(name)' (tiers: \(Tier.allCases.map(\.name).joined(separator: ", ")))")
        }
        return tier
    }

    private static func regions(_ node: YAMLNode) throws(Diagnostic) -> [TenantsConfiguration.Region] {
        var reader = try MappingReader(node, context: "'tenants.regions'")
        let entries = reader.allEntries()
        guard !entries.isEmpty else { throw Diagnostic.error(at: node.location, "'tenants.regions' needs at least one region") }
        guard entries.count <= TenantsConfiguration.maximumRegions else {
            throw Diagnostic.error(at: node.location, "'tenants.regions' may list at most \(TenantsConfiguration.maximumRegions) regions")
        }
        var regions: [TenantsConfiguration.Region] = []
        var total = 0.0
        for entry in entries {
            try YAMLNode.checkName(entry.key, what: "region name", at: entry.keyLocation)
            let what = "region '\(entry.key)'"
            let share: Double
            let offset: Double
            if case .scalar = entry.value.content {
                share = try entry.value.probability("\(what) share")
                guard let known = knownRegionOffsets.first(where: { $0.name == entry.key }) else {
                    throw Diagnostic.error(
                        at: entry.keyLocation,
                        "\(what) is not a known AWS region: give its time zone as { share: \(share.formatted), utc_offset: HOURS }")
                }
                offset = known.offset
            } else {
                var region = try MappingReader(entry.value, context: what)
                share = try region.required("share").probability("\(what) share")
                let offsetNode = try region.required("utc_offset")
                offset = try offsetNode.number("\(what) utc_offset")
                guard (-12...14).contains(offset) else {
                    throw Diagnostic.error(at: offsetNode.location, "\(what) utc_offset must lie in [-12, 14] hours, found \(offset.formatted)")
                }
                try region.finish()
            }
            regions.append(TenantsConfiguration.Region(name: entry.key, share: share, utcOffsetHours: offset))
            total += share
        }
        guard abs(total - 1) <= 1e-9 else {
            throw Diagnostic.error(at: node.location, "'tenants.regions' shares sum to \(total.formatted), not 1")
        }
        return regions
    }

    private static func readProducts(_ node: YAMLNode) throws(Diagnostic) -> [TenantsConfiguration.Product] {
        var reader = try MappingReader(node, context: "'tenants.products'")
        let entries = reader.allEntries()
        guard entries.count <= TenantsConfiguration.maximumProducts else {
            throw Diagnostic.error(at: node.location, "'tenants.products' may list at most \(TenantsConfiguration.maximumProducts) products")
        }
        var products: [TenantsConfiguration.Product] = []
        for entry in entries {
            try YAMLNode.checkName(entry.key, what: "product name", at: entry.keyLocation)
            products.append(.init(name: entry.key, adoption: try entry.value.probability("'tenants.products' share of '\(entry.key)'")))
        }
        guard products.isEmpty || products.contains(where: { $0.adoption > 0 }) else {
            throw Diagnostic.error(at: node.location, "'tenants.products' needs a product some tenants use (a share above 0)")
        }
        return products
    }
}
