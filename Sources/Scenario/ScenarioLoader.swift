import Foundation
import SimKernel

/// Reads and validates a scenario file. Every problem is a `Diagnostic` with its position;
/// nothing is run or written until the whole scenario is valid.
public enum ScenarioLoader {
    public static func load(file path: String, overrides: [String] = []) throws(Diagnostic) -> Scenario {
        try parse(try text(ofFile: path), file: path, overrides: overrides)
    }

    static func text(ofFile path: String) throws(Diagnostic) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Diagnostic.error(at: SourceLocation(file: path, line: 1, column: 1), "cannot read the scenario: \(error.localizedDescription)")
        }
    }

    public static func parse(_ text: String, file: String, overrides: [String] = []) throws(Diagnostic) -> Scenario {
        let document = try Overrides.apply(overrides, to: try YAMLNode.parse(text, file: file))
        return try read(document, text: text, file: file, overrides: overrides)
    }

    /// Reads a parsed document whose overrides are already applied; `text` and `overrides`
    /// are what the scenario records of its origin.
    static func read(_ document: YAMLNode, text: String, file: String, overrides: [String]) throws(Diagnostic) -> Scenario {
        var top = try MappingReader(document, context: "the scenario")
        let nameNode = try top.required("name")
        let name = try nameNode.text("'name'")
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Diagnostic.error(at: nameNode.location, "'name' cannot be empty")
        }
        let description = try top.optional("description")?.text("'description'") ?? ""
        let seed = try top.optional("seed").map { (node) throws(Diagnostic) in try readSeed(node) } ?? 1
        let durationNode = try top.required("duration")
        let duration = try durationNode.positiveDuration("'duration'")
        var warmup = SimTime.zero
        if let node = top.optional("warmup") {
            warmup = try node.duration("'warmup'")
            guard warmup < duration else { throw Diagnostic.error(at: node.location, "'warmup' must end before 'duration' (\(duration))") }
        }
        let replications = try top.optional("replications")?.integer("'replications'", in: 1...Scenario.maximumReplications) ?? 1
        var sampleInterval = SimTime(nanoseconds: max(duration.nanoseconds / 100, 1))
        if let node = top.optional("sample_interval") {
            sampleInterval = try node.positiveDuration("'sample_interval'")
            guard sampleInterval <= duration else {
                throw Diagnostic.error(at: node.location, "'sample_interval' cannot be longer than 'duration' (\(duration))")
            }
        }
        var generator = RandomStream.Generator.mt19937
        if let node = top.optional("random") {
            generator = try readRandom(node)
        }
        var network: NetworkConfiguration?
        var warnings: [Diagnostic] = []
        let sources = top.optional("sources")
        let stations = top.optional("stations")
        if sources != nil || stations != nil {
            (network, warnings) = try NetworkSchema.read(sources: try top.required("sources"), stations: try top.required("stations"))
        }
        let provisioningNode = top.optional("provisioning")
        let platform = try PlatformSchema.read(&top, duration: duration, workersFleet: ProvisioningSchema.workersFleet(provisioningNode))
        let provisioning = try ProvisioningSchema.read(
            provisioningNode, duration: duration, tables: platform?.tables ?? [], population: platform?.traffic?.tenants ?? platform?.tenants?.count ?? 0,
            fleets: platform?.fleets)
        let sweep = try top.optional("sweep").map { (node) throws(Diagnostic) in try SweepSchema.read(node) }
        // Zones or a network latency alone describe no model.
        guard network != nil || !(platform?.services.isEmpty ?? true) || provisioning != nil else {
            throw Diagnostic.error(
                at: document.location,
                "the scenario needs a model: 'sources' and 'stations' (a queueing network), 'services', 'edge' and 'traffic', or 'provisioning'")
        }
        try top.finish()
        return Scenario(
            name: name, description: description, seed: seed, duration: duration, warmup: warmup,
            replications: replications, sampleInterval: sampleInterval, generator: generator, network: network,
            platform: platform, provisioning: provisioning, sweep: sweep, file: file, text: text, overrides: overrides, warnings: warnings)
    }

    private static func readSeed(_ node: YAMLNode) throws(Diagnostic) -> UInt64 {
        guard case .scalar(let text, quoted: false) = node.content, let seed = UInt64(text.replacingOccurrences(of: "_", with: "")) else {
            throw Diagnostic.error(at: node.location, "'seed' must be a whole number from 0 to \(UInt64.max), found \(node.kindDescription)")
        }
        return seed
    }

    private static func readRandom(_ node: YAMLNode) throws(Diagnostic) -> RandomStream.Generator {
        var reader = try MappingReader(node, context: "'random'")
        var generator = RandomStream.Generator.mt19937
        if let generatorNode = reader.optional("generator") {
            let name = try generatorNode.text("'random.generator'")
            guard let value = RandomStream.Generator(rawValue: name) else {
                throw Diagnostic.error(
                    at: generatorNode.location,
                    "unknown generator '\(name)' (known: \(RandomStream.Generator.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            generator = value
        }
        try reader.finish()
        return generator
    }
}
