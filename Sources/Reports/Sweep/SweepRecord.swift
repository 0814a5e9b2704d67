import Foundation
import Scenario
import SimKernel

/// `sweep.json`: what a sweep (or a shard of it) is and which items it holds. Everything
/// `rehearse merge` needs to rebuild the files is here or in sweep-replications.csv, so a
/// shard's directory stands alone. It holds no wall time, path or date: the same sweep gives
/// the same bytes on any machine, whole or merged from shards.
public struct SweepRecord: Codable, Sendable, Equatable {
    public struct ScenarioRecord: Codable, Sendable, Equatable {
        public var name: String
        public var description: String
        /// The file's name without its directory, so shards run from copies elsewhere merge.
        public var file: String
        public var sha256: String
        public var variant: String
        public var overrides: [String]
        public var text: String
    }

    public struct Parameter: Codable, Sendable, Equatable {
        public var path: String
        public var values: [String]
    }

    public struct Point: Codable, Sendable, Equatable {
        public var point: Int
        /// One value per parameter, in parameter order.
        public var values: [String]
        public var warnings: [String]
    }

    public struct Shard: Codable, Sendable, Equatable {
        public var index: Int
        public var count: Int
        public var rule: String
    }

    public struct Item: Codable, Sendable, Equatable {
        public var point: Int
        public var replication: Int
        public var events: UInt64
        public var digest: String
    }

    public var tool: String
    public var version: String
    public var scenario: ScenarioRecord
    public var seed: UInt64
    public var replications: Int
    public var replicationSeeds: [UInt64]
    public var grid: [Parameter]
    /// The metrics charted, as `component,metric,unit`.
    public var metrics: [String]
    public var order: String
    public var points: [Point]
    public var itemsTotal: Int
    /// Absent for a whole sweep (run unsharded, or merged).
    public var shard: Shard?
    /// The items this directory holds, in item order.
    public var items: [Item]
    public var events: UInt64
    /// SHA-256 of sweep-replications.csv, so a merge never reads a damaged or edited copy.
    public var replicationsSHA256 = ""

    public static let order = "points: the cartesian product of the grid, first parameter slowest; items: point * replications + replication"

    public init(_ sweep: Sweep, shard: SweepShard?, results: [SweepItemResult]) {
        let base = sweep.scenario
        let file = SweepRecord.fileName(base.file)
        tool = ToolInfo.name
        version = ToolInfo.version
        scenario = ScenarioRecord(
            name: base.name, description: base.description, file: file, sha256: SHA256.hex(base.text),
            variant: base.variant, overrides: base.overrides, text: base.text)
        seed = base.seed
        replications = sweep.replications
        replicationSeeds = (0..<sweep.replications).map { ScenarioRunner.seed(of: $0, scenarioSeed: base.seed) }
        grid = sweep.parameters.map { Parameter(path: $0.path, values: $0.values.map(\.text)) }
        metrics = sweep.metrics.map(\.key.description)
        order = SweepRecord.order
        points = sweep.points.map { point in
            Point(
                point: point.index,
                values: zip(sweep.parameters, point.choices).map { $0.values[$1].text },
                warnings: point.scenario.warnings.map { warning in
                    var located = warning
                    if located.location.file == base.file { located.location.file = file }
                    return located.description
                })
        }
        itemsTotal = sweep.itemCount
        self.shard = shard.map { Shard(index: $0.index, count: $0.count, rule: SweepShard.rule) }
        items = results.map { Item(point: $0.point, replication: $0.replication, events: $0.events, digest: ToolInfo.hex($0.digest)) }
        events = results.reduce(0) { $0 + $1.events }
    }

    /// The last component of a path.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// An item's number: point-major, as `Sweep` numbers them.
    public func itemNumber(point: Int, replication: Int) -> Int { point * replications + replication }

    /// The index of each parameter's value at `point`: the point's number in mixed radix,
    /// the first parameter the most significant digit.
    func choices(of point: Int) -> [Int] {
        var choices = Array(repeating: 0, count: grid.count)
        var rest = point
        for position in grid.indices.reversed() {
            choices[position] = rest % grid[position].values.count
            rest /= grid[position].values.count
        }
        return choices
    }

    /// The point's parameter values as `path=value`, for messages.
    public func assignments(of point: Int) -> String {
        zip(grid, points[point].values).map { "\($0.path)=\($1)" }.joined(separator: ", ")
    }

    enum CodingKeys: String, CodingKey {
        case tool, version, scenario, seed, replications, grid, metrics, order, points, shard, items, events
        case replicationSeeds = "replication_seeds"
        case itemsTotal = "items_total"
        case replicationsSHA256 = "replications_csv_sha256"
    }

    public func json() -> String {
        StableJSON.text(self)
    }
}
