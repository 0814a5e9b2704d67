import Foundation
import Scenario
import SimKernel

/// Why shards cannot be merged, said precisely enough to fix: which directory, which file,
/// which point or shard.
public struct SweepMergeError: Error, CustomStringConvertible {
    public var description: String
}

/// A sweep directory read back for merging: its record and its items with their exact
/// per-replication values, checked against each other.
public struct SweepInput: Sendable {
    /// The directory as given on the command line, for messages.
    public var directory: String
    public var record: SweepRecord
    /// In item order.
    public var items: [SweepItemResult]

    public static func read(_ directory: String) throws(SweepMergeError) -> SweepInput {
        let url = URL(fileURLWithPath: directory)
        func fail(_ message: String) -> SweepMergeError { SweepMergeError(description: "\(directory): \(message)") }
        let record: SweepRecord
        let replications: String
        do {
            record = try JSONDecoder().decode(SweepRecord.self, from: Data(contentsOf: url.appendingPathComponent(SweepFiles.manifestName)))
            replications = try String(contentsOf: url.appendingPathComponent(SweepFiles.replicationsName), encoding: .utf8)
        } catch {
            throw fail("not a sweep directory (\(SweepFiles.manifestName) and \(SweepFiles.replicationsName)): \(error.localizedDescription)")
        }
        guard record.tool == ToolInfo.name, record.version == ToolInfo.version else {
            throw fail("written by \(record.tool) \(record.version); this is \(ToolInfo.name) \(ToolInfo.version), whose results may differ")
        }
        guard SHA256.hex(record.scenario.text) == record.scenario.sha256 else {
            throw fail("the scenario text in \(SweepFiles.manifestName) does not match its SHA-256")
        }
        guard SHA256.hex(replications) == record.replicationsSHA256 else {
            throw fail("\(SweepFiles.replicationsName) does not match the SHA-256 that \(SweepFiles.manifestName) gives it (damaged or edited?)")
        }
        try checkShape(record, fail)
        let items = try readItems(record, replications, fail)
        return SweepInput(directory: directory, record: record, items: items)
    }

    /// The record agrees with itself: the points are the grid's product, the items are those
    /// of its shard (or all), in order.
    private static func checkShape(_ record: SweepRecord, _ fail: (String) -> SweepMergeError) throws(SweepMergeError) {
        var pointCount = 1
        for parameter in record.grid {
            let (product, overflow) = pointCount.multipliedReportingOverflow(by: parameter.values.count)
            guard !overflow, product <= SweepLoader.maximumPoints else {
                throw fail("\(SweepFiles.manifestName) describes a grid of more than \(SweepLoader.maximumPoints) points")
            }
            pointCount = product
        }
        guard (1...Scenario.maximumReplications).contains(record.replications), record.replicationSeeds.count == record.replications,
              record.points.count == pointCount, record.itemsTotal == pointCount * record.replications,
              record.points.enumerated().allSatisfy({ $0.offset == $0.element.point && $0.element.values.count == record.grid.count })
        else { throw fail("\(SweepFiles.manifestName) is inconsistent: its points, grid and replications do not agree") }
        let expected: [Int]
        if let shard = record.shard {
            guard let slice = SweepShard(index: shard.index, count: shard.count) else {
                throw fail("\(SweepFiles.manifestName) names an impossible shard \(shard.index)/\(shard.count)")
            }
            expected = slice.items(of: record.itemsTotal)
        } else {
            expected = Array(0..<record.itemsTotal)
        }
        guard record.items.map({ record.itemNumber(point: $0.point, replication: $0.replication) }) == expected,
              record.items.allSatisfy({ (0..<record.replications).contains($0.replication) })
        else { throw fail("\(SweepFiles.manifestName) lists items that are not those of its shard") }
    }

    private static func readItems(_ record: SweepRecord, _ text: String, _ fail: (String) -> SweepMergeError) throws(SweepMergeError) -> [SweepItemResult] {
        let file = SweepFiles.replicationsName
        let rows = CSVReader.records(text)
        let header = SweepFiles.replicationsHeader(record)
        guard rows.first == header else {
            throw fail("\(file) does not have the columns of this sweep (\(header.joined(separator: ",")))")
        }
        var position = [Int?](repeating: nil, count: record.itemsTotal)
        var items: [SweepItemResult] = record.items.enumerated().map { index, item in
            position[record.itemNumber(point: item.point, replication: item.replication)] = index
            return SweepItemResult(
                point: item.point, replication: item.replication,
                seed: record.replicationSeeds[item.replication], events: item.events,
                digest: UInt64(item.digest, radix: 16) ?? 0, metrics: MetricTable())
        }
        for item in record.items where UInt64(item.digest, radix: 16) == nil || item.digest.count != 16 {
            throw fail("\(SweepFiles.manifestName): point \(item.point) replication \(item.replication) has a malformed digest '\(item.digest)'")
        }
        let parameters = record.grid.count
        for (offset, row) in rows.dropFirst().enumerated() {
            let line = offset + 2
            guard row.count == header.count else { throw fail("\(file), record \(line): \(row.count) fields, expected \(header.count)") }
            guard row[0] == record.scenario.name, row[1] == record.scenario.variant else {
                throw fail("\(file), record \(line): scenario '\(row[0])' variant '\(row[1])', expected '\(record.scenario.name)' '\(record.scenario.variant)'")
            }
            guard let point = Int(row[2]), record.points.indices.contains(point),
                  let replication = Int(row[3 + parameters]), (0..<record.replications).contains(replication)
            else { throw fail("\(file), record \(line): no such point and replication (\(row[2]), \(row[3 + parameters]))") }
            guard Array(row[3..<3 + parameters]) == record.points[point].values else {
                throw fail("\(file), record \(line): the parameter values are not those of point \(point) (\(record.assignments(of: point)))")
            }
            guard let index = position[record.itemNumber(point: point, replication: replication)] else {
                throw fail("\(file), record \(line): point \(point) replication \(replication) is not an item of this directory")
            }
            guard row[4 + parameters] == String(items[index].seed) else {
                throw fail("\(file), record \(line): seed \(row[4 + parameters]) is not replication \(replication)'s seed \(items[index].seed)")
            }
            guard let value = CSVNumber.parse(row[8 + parameters]) else {
                throw fail("\(file), record \(line): '\(row[8 + parameters])' is not a number")
            }
            items[index].metrics.append(row[5 + parameters], row[6 + parameters], row[7 + parameters], value)
        }
        return items
    }
}
