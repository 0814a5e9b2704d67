/// The compiled descriptor trees of all domains: flat arrays of nodes and levels.
///
/// A level answers a request entry as the service does: first the node with exactly that
/// `key` and `value`, else the first wildcard node of the key (in configuration order) whose
/// pattern matches the value, else the key's default node (no value).
struct DescriptorTree: Sendable {
    struct Node: Sendable {
        var policy: RateLimitPolicy?
        var shadowMode: Bool
        var detailedMetric: Bool
        /// The wildcard value counted instead of the request's (`share_threshold`), if any.
        var sharedValue: String?
        var statsKey: String
        /// The level of the node's children; nil when it has none.
        var children: Int?
    }

    struct Level: Sendable {
        var exact: [RateLimitEntry: Int] = [:]
        var defaults: [String: Int] = [:]
        var wildcards: [(key: String, pattern: WildcardPattern, node: Int)] = []

        func node(for entry: RateLimitEntry) -> Int? {
            if let node = exact[entry] {
                return node
            }
            for wildcard in wildcards where wildcard.key == entry.key && wildcard.pattern.matches(entry.value) {
                return wildcard.node
            }
            return defaults[entry.key]
        }
    }

    private(set) var nodes: [Node] = []
    private(set) var levels: [Level] = []
    private var roots: [String: Int] = [:]

    init(_ domains: [RateLimitServiceDomain]) throws(RateLimitServiceConfigError) {
        for domain in domains {
            if domain.domain.isEmpty {
                throw .emptyDomain
            }
            if roots[domain.domain] != nil {
                throw .duplicateDomain(domain.domain)
            }
            roots[domain.domain] = try addLevel(domain.descriptors, parentKey: domain.domain + ".")
        }
    }

    func root(of domain: String) -> Int? { roots[domain] }

    private mutating func addLevel(_ descriptors: [RateLimitServiceDescriptor], parentKey: String) throws(RateLimitServiceConfigError) -> Int {
        let levelIndex = levels.count
        levels.append(Level())
        var seen = Set<String>()
        for descriptor in descriptors {
            if descriptor.key.isEmpty {
                throw .emptyKey
            }
            let compositeKey = descriptor.compositeKey
            let fullKey = parentKey + compositeKey
            if !seen.insert(compositeKey).inserted {
                throw .duplicateCompositeKey(fullKey)
            }
            let value = descriptor.value ?? ""
            let pattern = WildcardPattern(value)
            let nodeIndex = nodes.count
            nodes.append(Node(
                policy: descriptor.rateLimit,
                shadowMode: descriptor.shadowMode,
                detailedMetric: descriptor.detailedMetric,
                sharedValue: descriptor.shareThreshold && pattern != nil ? value : nil,
                statsKey: fullKey,
                children: nil))
            if !descriptor.descriptors.isEmpty {
                let children = try addLevel(descriptor.descriptors, parentKey: fullKey + ".")
                nodes[nodeIndex].children = children
            }
            if value.isEmpty {
                levels[levelIndex].defaults[descriptor.key] = nodeIndex
            } else {
                levels[levelIndex].exact[RateLimitEntry(descriptor.key, value)] = nodeIndex
                if let pattern {
                    levels[levelIndex].wildcards.append((descriptor.key, pattern, nodeIndex))
                }
            }
        }
        return levelIndex
    }

    /// The service's `GetLimit` walk below `root`.
    func limit(root: Int, domain: String, descriptor: RateLimitDescriptor) -> RateLimitMatch? {
        if let inline = descriptor.limitOverride {
            let policy = RateLimitPolicy(requestsPerUnit: inline.requestsPerUnit, unit: inline.unit)
            return RateLimitMatch(domain: domain, policy: policy, shadowMode: false, node: nil, sharedEntries: 0)
        }
        var level = root
        var found: Int?
        var shared: UInt64 = 0
        let entries = descriptor.entries
        for (depth, entry) in entries.enumerated() {
            guard let node = levels[level].node(for: entry) else { break }
            if nodes[node].sharedValue != nil, depth < 64 {
                shared |= 1 << UInt64(depth)
            }
            if depth == entries.count - 1, nodes[node].policy != nil {
                found = node
            }
            guard let children = nodes[node].children else { break }
            level = children
        }
        guard let found, let policy = nodes[found].policy else { return nil }
        return RateLimitMatch(domain: domain, policy: policy, shadowMode: nodes[found].shadowMode, node: found, sharedEntries: shared)
    }

    /// The entries counted for `descriptor`: the request's, with the wildcard pattern in place
    /// of the value wherever a `share_threshold` node matched.
    func countedEntries(root: Int, descriptor: RateLimitDescriptor) -> [RateLimitEntry] {
        var entries = descriptor.entries
        var level = root
        for depth in entries.indices {
            guard let node = levels[level].node(for: entries[depth]) else { break }
            if let shared = nodes[node].sharedValue {
                entries[depth].value = shared
            }
            guard let children = nodes[node].children else { break }
            level = children
        }
        return entries
    }
}
