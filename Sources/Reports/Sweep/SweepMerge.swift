import Scenario

/// Joins sweep directories (shards, in any order) into the results of the whole sweep: the
/// same results, and so the same files, as one unsharded run. They must come from the same
/// scenario text, overrides, grid, seed and replications, and together hold every item
/// exactly once.
public enum SweepMerge {
    /// Items listed in a message before "and N more".
    static let listed = 10

    public static func merge(_ inputs: [SweepInput]) throws(SweepMergeError) -> SweepResults {
        guard let first = inputs.first else { throw SweepMergeError(description: "nothing to merge") }
        for input in inputs.dropFirst() {
            if let difference = difference(first.record, input.record) {
                throw SweepMergeError(description: "\(input.directory) is not a shard of the same sweep as \(first.directory): \(difference)")
            }
        }
        let record = first.record
        var holders = [[Int]](repeating: [], count: record.itemsTotal)
        for (index, input) in inputs.enumerated() {
            for item in input.items {
                holders[record.itemNumber(point: item.point, replication: item.replication)].append(index)
            }
        }
        try checkCoverage(inputs, holders)
        var items: [SweepItemResult] = []
        items.reserveCapacity(record.itemsTotal)
        var cursors = [Int](repeating: 0, count: inputs.count)
        for holder in holders {
            let input = holder[0]
            items.append(inputs[input].items[cursors[input]])
            cursors[input] += 1
        }
        for item in items where item.metrics.keys != items[record.itemNumber(point: item.point, replication: 0)].metrics.keys {
            throw SweepMergeError(description: "point \(item.point) (\(record.assignments(of: item.point))): replication \(item.replication) reports other metrics than replication 0")
        }
        var whole = record
        whole.shard = nil
        whole.items = items.map { item in
            SweepRecord.Item(point: item.point, replication: item.replication, events: item.events, digest: ToolInfo.hex(item.digest))
        }
        whole.events = items.reduce(0) { $0 + $1.events }
        return SweepResults(record: whole, items: items)
    }

    /// The first way two records describe different sweeps, or nil.
    static func difference(_ a: SweepRecord, _ b: SweepRecord) -> String? {
        if a.scenario.sha256 != b.scenario.sha256 {
            return "the scenario text differs (SHA-256 \(a.scenario.sha256.prefix(12))… against \(b.scenario.sha256.prefix(12))…)"
        }
        if a.scenario.overrides != b.scenario.overrides {
            return "the --set overrides differ ('\(a.scenario.variant)' against '\(b.scenario.variant)')"
        }
        if a.grid != b.grid {
            let describe = { (record: SweepRecord) in record.grid.map { "\($0.path)=\($0.values.joined(separator: ","))" }.joined(separator: " ") }
            return "the grid differs (\(describe(a)) against \(describe(b)))"
        }
        if a.seed != b.seed { return "the seed differs (\(a.seed) against \(b.seed))" }
        if a.replications != b.replications { return "the replications differ (\(a.replications) against \(b.replications))" }
        if a.metrics != b.metrics { return "the charted metrics differ" }
        return identity(a) == identity(b) ? nil : "their \(SweepFiles.manifestName) files differ beyond their shards and items"
    }

    /// A record without what differs between the shards of one sweep.
    private static func identity(_ record: SweepRecord) -> SweepRecord {
        var identity = record
        identity.shard = nil
        identity.items = []
        identity.events = 0
        identity.replicationsSHA256 = ""
        return identity
    }

    /// Every item exactly once; otherwise, which shards (or items) are missing or repeated.
    private static func checkCoverage(_ inputs: [SweepInput], _ holders: [[Int]]) throws(SweepMergeError) {
        let missing = holders.indices.filter { holders[$0].isEmpty }
        let repeated = holders.indices.filter { holders[$0].count > 1 }
        guard !missing.isEmpty || !repeated.isEmpty else { return }
        let record = inputs[0].record
        var problems: [String] = []
        let counts = inputs.map { $0.record.shard?.count }
        if let count = counts[0], counts.allSatisfy({ $0 == count }) {
            let given = inputs.map { $0.record.shard!.index }
            let absent = (1...count).filter { !given.contains($0) && !SweepShard(index: $0, count: count)!.items(of: record.itemsTotal).isEmpty }
            if !absent.isEmpty {
                problems.append("missing shard\(absent.count == 1 ? "" : "s") \(absent.map { "\($0)/\(count)" }.joined(separator: ", "))")
            }
            for index in 1...count {
                let directories = inputs.filter { $0.record.shard!.index == index }.map(\.directory)
                if directories.count > 1 {
                    problems.append("shard \(index)/\(count) given \(directories.count) times (\(directories.joined(separator: ", ")))")
                }
            }
        } else {
            let item = { (number: Int) -> String in
                let point = number / record.replications
                return "point \(point) (\(record.assignments(of: point))) replication \(number % record.replications)"
            }
            if !missing.isEmpty {
                problems.append("\(missing.count) of \(record.itemsTotal) items missing: " + listing(missing.map(item)))
            }
            if !repeated.isEmpty {
                problems.append("\(repeated.count) items held more than once: " + listing(repeated.map { number in
                    "\(item(number)) in \(holders[number].map { inputs[$0].directory }.joined(separator: " and "))"
                }))
            }
        }
        throw SweepMergeError(description: "the shards do not cover the sweep exactly once: \(problems.joined(separator: "; "))")
    }

    private static func listing(_ entries: [String]) -> String {
        var text = entries.prefix(listed).joined(separator: "; ")
        if entries.count > listed { text += "; and \(entries.count - listed) more" }
        return text
    }
}
