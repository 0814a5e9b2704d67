import Fleet
import SimKernel

/// Reads `images:` (versioned images, each also the release of the software on it) and
/// `packer:` (the bake pipeline).
///
/// ```yaml
/// images:
///   jira-v42: {}               # baked before the run
///   jira-v43: { bake_at: 5m }  # Packer bakes it during the run
/// packer: { builders: 2, provision: { lognormal: { median: 6m, p99: 15m } },
///           snapshot: { lognormal: { median: 4m, p99: 20m } }, failure_probability: 0.03, retries: 2 }
/// ```
enum ImageSchema {
    static func images(_ node: YAMLNode?, duration: SimTime) throws(Diagnostic) -> [ImageDefinition] {
        guard let node else { return [] }
        var reader = try MappingReader(node, context: "'images'")
        var images: [ImageDefinition] = []
        for entry in reader.allEntries() {
            try YAMLNode.checkName(entry.key, what: "image name", at: entry.keyLocation)
            var image = ImageDefinition(name: entry.key)
            if !entry.value.isNull {
                let what = "image '\(entry.key)'"
                var fields = try MappingReader(entry.value, context: what)
                if let bakeNode = fields.optional("bake_at") {
                    let at = try bakeNode.duration("\(what) bake_at")
                    guard at < duration else { throw Diagnostic.error(at: bakeNode.location, "\(what) bake_at is after the run ends (\(duration))") }
                    image.bakeAt = at
                }
                try fields.finish()
            }
            images.append(image)
        }
        guard !images.isEmpty else { throw Diagnostic.error(at: node.location, "'images' must name at least one image") }
        return images
    }

    static func packer(_ node: YAMLNode?) throws(Diagnostic) -> PackerConfiguration {
        var packer = PackerConfiguration()
        guard let node else { return packer }
        var r = try MappingReader(node, context: "'packer'")
        packer.builders = try r.optional("builders")?.integer("'packer.builders'", in: 1...1_000) ?? packer.builders
        if let n = r.optional("provision") { packer.provision = try DistributionSchema.read(n, "'packer.provision'", values: .durations) }
        if let n = r.optional("snapshot") { packer.snapshot = try DistributionSchema.read(n, "'packer.snapshot'", values: .durations) }
        packer.failureProbability = try r.optional("failure_probability")?.probability("'packer.failure_probability'") ?? packer.failureProbability
        packer.retries = try r.optional("retries")?.integer("'packer.retries'", in: 0...100) ?? packer.retries
        try r.finish()
        return packer
    }

    /// An image named in `node`, by its index.
    static func image(_ node: YAMLNode, _ what: String, images: [ImageDefinition]) throws(Diagnostic) -> Int {
        let name = try node.text(what)
        guard let index = images.firstIndex(where: { $0.name == name }) else {
            var message = "\(what) names unknown image '\(name)'"
            if let suggestion = MappingReader.closest(to: name, among: images.map(\.name)) { message += "; did you mean '\(suggestion)'?" }
            if images.isEmpty { message += " (declare it under 'images')" }
            throw Diagnostic.error(at: node.location, message)
        }
        return index
    }
}
