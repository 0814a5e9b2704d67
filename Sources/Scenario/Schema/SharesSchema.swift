import Infra

/// Reads shares by name that sum to 1: `{ free: 0.55, standard: 0.45 }`,
/// `{ a: 0.5, b: 0.5 }`. A name the mapping leaves out gets a share of 0.
enum SharesSchema {
    /// Tiers' shares, indexed by the tier's raw value.
    static func tiers(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> [Double] {
        try read(node, what, count: Tier.allCases.count) { name, location throws(Diagnostic) in
            Int(try TenantsSchema.tier(named: name, at: location).rawValue)
        }
    }

    /// Client zones' shares, indexed by the zone's place in `zones`.
    static func zones(_ node: YAMLNode, _ what: String, zones: [String]) throws(Diagnostic) -> [Double] {
        try read(node, what, count: zones.count) { name, location throws(Diagnostic) in
            try PlatformSchema.zoneIndex(YAMLNode(content: .scalar(name, quoted: false), location: location), zones: zones, "client zone")
        }
    }

    private static func read(
        _ node: YAMLNode, _ what: String, count: Int, index: (_ name: String, _ location: SourceLocation) throws(Diagnostic) -> Int
    ) throws(Diagnostic) -> [Double] {
        var shares = Array(repeating: 0.0, count: count)
        var reader = try MappingReader(node, context: what)
        var total = 0.0
        for entry in reader.allEntries() {
            let position = try index(entry.key, entry.keyLocation)
            let share = try entry.value.probability("\(what) share of '\(entry.key)'")
            shares[position] = share
            total += share
        }
        guard abs(total - 1) <= 1e-9 else {
            throw Diagnostic.error(at: node.location, "\(what) shares sum to \(total.formatted), not 1")
        }
        return shares
    }
}
