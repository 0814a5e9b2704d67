import AWSModels
import Foundation
import SimKernel

/// Reads a DynamoDB table (`provisioning.table`, or one of the top-level `dynamodb:` tables,
/// named by its key and without `name` or `item_size`).
///
/// ```yaml
/// table:
///   name: tenants
///   mode: on_demand                          # or { provisioned: { read_units: 400, write_units: 200 } }
///   item_size: 2KB                           # the tenant record
///   size: 20GB                               # stored data: one partition per 10 GB
///   status_index: { name: by-status }        # a GSI keyed by the record's status (provisioned: read_units, write_units)
///   partitions: { burst_initially_full: true, adaptive_capacity: true, split_for_heat: true, split_after: 2m }
///   on_demand: { initial_read_units: 12000, initial_write_units: 4000, max_read_units: 40000, max_write_units: 40000 }
///   latency: { read: { lognormal: { median: 2.5ms, p99: 10ms } }, write: ..., throttled: ... }
/// ```
enum DynamoDBTableSchema {
    struct Table {
        var configuration: DynamoDBTableConfiguration
        var itemBytes: Int
    }

    static func read(_ node: YAMLNode) throws(Diagnostic) -> Table {
        var r = try MappingReader(node, context: "'provisioning.table'")
        let name = try r.optional("name")?.name("'provisioning.table.name'") ?? "tenants"
        let what = "table '\(name)'"
        // A tenant record of about 2 KB: an assumption.
        let itemBytes = try r.optional("item_size").map { (n) throws(Diagnostic) in try n.itemBytes("\(what) item_size") } ?? 2_048
        let configuration = try read(&r, node, name: name)
        return Table(configuration: configuration, itemBytes: itemBytes)
    }

    /// A table of the top-level `dynamodb:` section, named by its key; the items' sizes are
    /// those its callers read and write.
    static func read(_ node: YAMLNode, named name: String) throws(Diagnostic) -> DynamoDBTableConfiguration {
        var r = try MappingReader(node, context: "table '\(name)'")
        return try read(&r, node, name: name)
    }

    /// Everything but the name and the item size.
    private static func read(_ r: inout MappingReader, _ node: YAMLNode, name: String) throws(Diagnostic) -> DynamoDBTableConfiguration {
        let what = "table '\(name)'"
        let mode = try readMode(try r.required("mode"), what)
        let size = try r.optional("size").map { (n) throws(Diagnostic) in try n.bytes("\(what) size") } ?? 0
        var index: DynamoDBIndexConfiguration?
        if let indexNode = r.optional("status_index") {
            var i = try MappingReader(indexNode, context: "\(what) status_index")
            let indexName = try i.optional("name")?.name("\(what) status_index name") ?? "by-status"
            let indexMode: DynamoDBCapacityMode
            switch mode {
            case .onDemand:
                indexMode = .onDemand
            case .provisioned:
                let read = try i.required("read_units").nonNegativeNumber("\(what) status_index read_units")
                let write = try i.required("write_units").nonNegativeNumber("\(what) status_index write_units")
                guard read + write > 0 else { throw Diagnostic.error(at: indexNode.location, "\(what) status_index needs some capacity") }
                indexMode = .provisioned(readUnits: read, writeUnits: write)
            }
            try i.finish()
            index = DynamoDBIndexConfiguration(name: indexName, mode: indexMode)
        }
        var configuration = DynamoDBTableConfiguration(name: name, mode: mode, tableSizeBytes: Double(size), index: index)
        if let partitions = r.optional("partitions") { configuration.partitions = try readPartitions(partitions, what) }
        if let onDemand = r.optional("on_demand") {
            guard mode == .onDemand else { throw Diagnostic.error(at: onDemand.location, "\(what) is provisioned; 'on_demand' settings do not apply") }
            configuration.onDemand = try readOnDemand(onDemand, what)
        }
        if let latency = r.optional("latency") { configuration.latency = try readLatency(latency, what) }
        try r.finish()
        return configuration
    }

    private static func readMode(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> DynamoDBCapacityMode {
        if case .scalar = node.content {
            _ = try node.choice("\(what) mode", among: ["on_demand"])
            return .onDemand
        }
        var r = try MappingReader(node, context: "\(what) mode")
        let provisioned = try r.required("provisioned")
        try r.finish()
        var p = try MappingReader(provisioned, context: "\(what) provisioned mode")
        let read = try p.required("read_units").nonNegativeNumber("\(what) read_units")
        let write = try p.required("write_units").nonNegativeNumber("\(what) write_units")
        guard read + write > 0 else { throw Diagnostic.error(at: provisioned.location, "\(what) needs some provisioned capacity") }
        try p.finish()
        return .provisioned(readUnits: read, writeUnits: write)
    }

    private static func readPartitions(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> DynamoDBPartitionParameters {
        var r = try MappingReader(node, context: "\(what) partitions")
        var p = DynamoDBPartitionParameters()
        p.burstInitiallyFull = try r.optional("burst_initially_full")?.boolean("\(what) burst_initially_full") ?? p.burstInitiallyFull
        p.adaptiveCapacity = try r.optional("adaptive_capacity")?.boolean("\(what) adaptive_capacity") ?? p.adaptiveCapacity
        p.splitForHeat = try r.optional("split_for_heat")?.boolean("\(what) split_for_heat") ?? p.splitForHeat
        p.splitAfter = try r.optional("split_after")?.duration("\(what) split_after") ?? p.splitAfter
        if let threshold = r.optional("split_threshold") {
            p.splitThreshold = try threshold.probability("\(what) split_threshold")
            guard p.splitThreshold > 0 else { throw Diagnostic.error(at: threshold.location, "\(what) split_threshold must be above zero") }
        }
        try r.finish()
        return p
    }

    private static func readOnDemand(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> DynamoDBOnDemandParameters {
        var r = try MappingReader(node, context: "\(what) on_demand")
        var o = DynamoDBOnDemandParameters()
        o.initialReadUnits = try r.optional("initial_read_units")?.positiveNumber("\(what) initial_read_units") ?? o.initialReadUnits
        o.initialWriteUnits = try r.optional("initial_write_units")?.positiveNumber("\(what) initial_write_units") ?? o.initialWriteUnits
        o.maxReadUnits = try r.optional("max_read_units")?.positiveNumber("\(what) max_read_units")
        o.maxWriteUnits = try r.optional("max_write_units")?.positiveNumber("\(what) max_write_units")
        try r.finish()
        return o
    }

    private static func readLatency(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> DynamoDBLatencyParameters {
        var r = try MappingReader(node, context: "\(what) latency")
        var l = DynamoDBLatencyParameters()
        if let read = r.optional("read") {
            l.getItem = try DistributionSchema.read(read, "\(what) latency read", values: .durations)
            l.strongGetItem = l.getItem
        }
        if let write = r.optional("write") { l.write = try DistributionSchema.read(write, "\(what) latency write", values: .durations) }
        if let throttled = r.optional("throttled") {
            l.throttled = try DistributionSchema.read(throttled, "\(what) latency throttled", values: .durations)
        }
        try r.finish()
        return l
    }
}

extension YAMLNode {
    /// The size of one item: from 1 byte to DynamoDB's 400 KB.
    func itemBytes(_ what: String) throws(Diagnostic) -> Int {
        let bytes = try bytes(what)
        guard bytes >= 1 && bytes <= CapacityUnits.maximumItemBytes else {
            throw Diagnostic.error(at: location, "\(what) must be between 1 byte and 400KB")
        }
        return bytes
    }

    /// A size with its unit, binary as DynamoDB counts: `1500B`, `2KB`, `10GB` (1 KB = 1,024 bytes).
    func bytes(_ what: String) throws(Diagnostic) -> Int {
        let raw = try text(what)
        let units: [(suffix: String, bytes: Double)] = [("TB", 1_099_511_627_776), ("GB", 1_073_741_824), ("MB", 1_048_576), ("KB", 1_024), ("B", 1)]
        for unit in units where raw.hasSuffix(unit.suffix) {
            let number = raw.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
            guard let value = Double(number), value.isFinite, value >= 0, value * unit.bytes < 1e18 else { break }
            return Int((value * unit.bytes).rounded(.up))
        }
        throw Diagnostic.error(at: location, "\(what) must be a size with its unit (B, KB, MB, GB, TB), found \(kindDescription)")
    }
}
