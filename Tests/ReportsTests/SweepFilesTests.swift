import Foundation
import Reports
import Scenario
import SimKernel
import Testing

/// Sweep files from hand-made results: exact round trips through sweep-replications.csv,
/// shards that merge (in any order) into the bytes of the whole, and merges that refuse.
@Suite struct SweepFilesTests {
    static let text = """
        name: tiny-sweep
        seed: 7
        duration: 1h
        sources:
          arrivals:
            interarrival: { exponential: { mean: 1s } }
            to: server
        stations:
          server:
            servers: 1
            service: { exponential: { mean: 500ms } }
        sweep:
          parameters:
            stations.server.servers: [1, 2, 3]
            stations.server.service: [{ exponential: { mean: 500ms } }, { exponential: { mean: 800ms } }]
          metrics: [ "station.server,wait_mean,s", "station.server,utilization,ratio" ]
          replications: 3

        """

    /// Values a CSV must carry exactly: thirds, the smallest subnormal, huge and tiny
    /// numbers, sums that are not what they look like, infinities, undefined.
    static let awkward: [Double] = [
        1.0 / 3, .leastNonzeroMagnitude, 1e300, 0.1 + 0.2, 2.5e-8, 123_456_789_012_345_680, -7.25, .infinity, -.infinity, .nan,
        Double.ulpOfOne, 1 - Double.ulpOfOne / 2, 9_007_199_254_740_994, .greatestFiniteMagnitude, 0,
    ]

    static func sweep(_ text: String = SweepFilesTests.text) throws -> Sweep {
        try SweepLoader.parse(text, file: "/somewhere/else/tiny-sweep.yaml")
    }

    /// Results for `items` as a run would give them, with values that exercise the CSV.
    static func results(_ sweep: Sweep, items: [Int]) -> [SweepItemResult] {
        items.map { item in
            let (point, replication) = sweep.item(item)
            var metrics = MetricTable()
            let base = Double(point + 1) / 7
            metrics.append("station.server", "wait_mean", "s", base + Double(replication) * 0.01)
            metrics.append("station.server", "utilization", "ratio", base / 2 + Double(replication) / 30)
            metrics.append("odd", "value", "count", awkward[(item * 5) % awkward.count])
            return SweepItemResult(
                point: point, replication: replication, seed: ScenarioRunner.seed(of: replication, scenarioSeed: sweep.scenario.seed),
                events: UInt64(1_000 + item), digest: UInt64(item) &* 0x9E37_79B9_7F4A_7C15, metrics: metrics)
        }
    }

    static func files(_ sweep: Sweep, shard: SweepShard?) -> [(name: String, contents: String)] {
        let items = shard?.items(of: sweep.itemCount) ?? Array(0..<sweep.itemCount)
        let results = results(sweep, items: items)
        return SweepFiles.all(SweepResults(record: SweepRecord(sweep, shard: shard, results: results), items: results))
    }

    /// The noisy-neighbour ranks leave the items, so they reach neither sweep.csv nor the
    /// replications file: their tenant ids do not average, nor compare across points.
    @Test func noisyNeighbourRanksStayOutOfTheSweepFiles() throws {
        let sweep = try Self.sweep()
        let items = Array(0..<sweep.itemCount)
        let results = Self.results(sweep, items: items).map { item in
            var listed = item
            listed.metrics.append("tenants.top_throttled.01", "tenant", "id", Double(item.replication * 31 + 5))
            return listed
        }
        let output = SweepResults(record: SweepRecord(sweep, shard: nil, results: results), items: results)
        #expect(output.items.allSatisfy { !$0.metrics.keys.contains { $0.component.hasPrefix("tenants.top_") } })
        #expect(output.points.allSatisfy { $0.rows.map(\.key) == Self.results(sweep, items: [0])[0].metrics.keys })
        for (name, contents) in SweepFiles.all(output) {
            #expect(!contents.contains("tenants.top_"), "\(name)")
        }
    }

    /// Writes each set of files to its own directory under a fresh temporary directory.
    static func write(_ sets: [(String, [(name: String, contents: String)])]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rehearse-sweep-tests-\(UUID().uuidString)")
        for (name, files) in sets {
            try RunDirectory.write(files, to: root.appendingPathComponent(name))
        }
        return root
    }

    static func merge(_ root: URL, _ names: [String]) throws -> [(name: String, contents: String)] {
        let inputs = try names.map { try SweepInput.read(root.appendingPathComponent($0).path) }
        return SweepFiles.all(try SweepMerge.merge(inputs))
    }

    static func mergeError(_ root: URL, _ names: [String]) -> String? {
        do {
            _ = try merge(root, names)
            return nil
        } catch {
            return (error as? SweepMergeError)?.description
        }
    }

    @Test func numbersRoundTripExactly() {
        for value in SweepFilesTests.awkward + [-0.5, .leastNormalMagnitude / 4, -1e-7, 4.35, 2e22, -9.2e18, 9.3e18] {
            let read = CSVNumber.parse(CSVNumber.format(value))
            if value.isNaN {
                #expect(read?.isNaN == true)
            } else {
                #expect(read?.bitPattern == value.bitPattern, "\(value) -> \(CSVNumber.format(value))")
            }
        }
        #expect(CSVNumber.parse("abc") == nil)
        #expect(CSVNumber.parse("nan") == nil)
    }

    @Test func shardsMergeInAnyOrderIntoTheBytesOfTheWhole() throws {
        let sweep = try SweepFilesTests.sweep()
        let whole = SweepFilesTests.files(sweep, shard: nil)
        #expect(whole.map(\.name) == ["sweep.json", "sweep.csv", "sweep-replications.csv", "sweep.html"])
        let shards = (1...4).map { index in ("s\(index)", SweepFilesTests.files(sweep, shard: SweepShard(index: index, count: 4)!)) }
        let root = try SweepFilesTests.write(shards + [("whole", whole)])
        defer { try? FileManager.default.removeItem(at: root) }
        for order in [["s1", "s2", "s3", "s4"], ["s3", "s1", "s4", "s2"], ["s4", "s3", "s2", "s1"]] {
            let merged = try SweepFilesTests.merge(root, order)
            #expect(merged.map(\.name) == whole.map(\.name))
            for (a, b) in zip(merged, whole) { #expect(a.contents == b.contents, "\(a.name) after merging \(order)") }
        }
        // A whole sweep read back rebuilds itself.
        let again = try SweepFilesTests.merge(root, ["whole"])
        for (a, b) in zip(again, whole) { #expect(a.contents == b.contents, "\(a.name)") }
    }

    @Test func shardsOfDifferentCountsMergeToo() throws {
        let sweep = try SweepFilesTests.sweep()
        // 18 items: shard 1/2 holds the even ones; 2/6, 4/6 and 6/6 the odd ones.
        let root = try SweepFilesTests.write(
            [("half", SweepFilesTests.files(sweep, shard: SweepShard("1/2")))]
                + [2, 4, 6].map { ("sixth\($0)", SweepFilesTests.files(sweep, shard: SweepShard(index: $0, count: 6))) })
        defer { try? FileManager.default.removeItem(at: root) }
        let merged = try SweepFilesTests.merge(root, ["sixth4", "half", "sixth6", "sixth2"])
        let whole = SweepFilesTests.files(sweep, shard: nil)
        for (a, b) in zip(merged, whole) { #expect(a.contents == b.contents, "\(a.name)") }
    }

    @Test func aShardHoldsOnlyItsItemsAndSaysSo() throws {
        let sweep = try SweepFilesTests.sweep()
        let files = SweepFilesTests.files(sweep, shard: SweepShard("2/4"))
        let manifest = try JSONSerialization.jsonObject(with: Data(files[0].contents.utf8)) as! [String: Any]
        let shard = try #require(manifest["shard"] as? [String: Any])
        #expect(shard["index"] as? Int == 2 && shard["count"] as? Int == 4)
        let items = try #require(manifest["items"] as? [[String: Any]])
        #expect(items.map { $0["point"] as! Int * 3 + ($0["replication"] as! Int) } == [1, 5, 9, 13, 17])
        #expect(manifest["items_total"] as? Int == 18)
        let scenario = try #require(manifest["scenario"] as? [String: Any])
        #expect(scenario["file"] as? String == "tiny-sweep.yaml")
        #expect(scenario["text"] as? String == SweepFilesTests.text)
        let rows = files[2].contents.split(separator: "\r\n")
        #expect(rows.count == 1 + 5 * 3)
        #expect(rows[0] == "scenario,variant,point,stations.server.servers,stations.server.service,replication,seed,component,metric,unit,value")
        #expect(files[3].contents.contains("This is shard 2 of 4"))
        let whole = SweepFilesTests.files(sweep, shard: nil)
        #expect(!whole[0].contents.contains("\"shard\""))
        #expect(!whole[3].contents.contains("This is shard"))
    }

    @Test func summaryRowsCarryThePointAndItsValues() throws {
        let sweep = try SweepFilesTests.sweep()
        let csv = SweepFilesTests.files(sweep, shard: nil)[1].contents
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines[0] == "scenario,variant,point,stations.server.servers,stations.server.service,component,metric,unit,replications,mean,ci95_low,ci95_high,ci95_half_width,stddev,min,max")
        #expect(lines.count == 1 + 6 * 3)
        #expect(lines[4].hasPrefix("tiny-sweep,default,1,1,{ exponential: { mean: 800ms } },station.server,wait_mean,s,3,"))
        // Point 1's waits are 2/7, 2/7 + 0.01, 2/7 + 0.02: mean 2/7 + 0.01.
        let mean = Double(lines[4].split(separator: ",")[9])!
        #expect(abs(mean - (2.0 / 7 + 0.01)) < 1e-15)
    }

    // MARK: Merges that refuse

    @Test func aMissingOrRepeatedShardIsNamed() throws {
        let sweep = try SweepFilesTests.sweep()
        let root = try SweepFilesTests.write((1...3).map { ("s\($0)", SweepFilesTests.files(sweep, shard: SweepShard(index: $0, count: 3))) })
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(SweepFilesTests.mergeError(root, ["s3", "s1"]) == "the shards do not cover the sweep exactly once: missing shard 2/3")
        let s1 = root.appendingPathComponent("s1").path
        #expect(SweepFilesTests.mergeError(root, ["s1", "s2", "s3", "s1"])
            == "the shards do not cover the sweep exactly once: shard 1/3 given 2 times (\(s1), \(s1))")
        #expect(SweepFilesTests.mergeError(root, ["s2"]) == "the shards do not cover the sweep exactly once: missing shards 1/3, 3/3")
    }

    @Test func itemsMissingAcrossShardCountsAreListed() throws {
        let sweep = try SweepFilesTests.sweep()
        let root = try SweepFilesTests.write([
            ("half", SweepFilesTests.files(sweep, shard: SweepShard("1/2"))),
            ("third", SweepFilesTests.files(sweep, shard: SweepShard("2/3"))),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let message = try #require(SweepFilesTests.mergeError(root, ["half", "third"]))
        #expect(message.hasPrefix("the shards do not cover the sweep exactly once: 6 of 18 items missing: point 1 (stations.server.servers=1, stations.server.service={ exponential: { mean: 800ms } }) replication 0; "))
        #expect(message.contains("; 3 items held more than once: point 1 (stations.server.servers=1, stations.server.service={ exponential: { mean: 800ms } }) replication 1 in "))
    }

    @Test func shardsOfAnotherSweepAreRefused() throws {
        let sweep = try SweepFilesTests.sweep()
        let edited = try SweepFilesTests.sweep(SweepFilesTests.text.replacingOccurrences(of: "seed: 7", with: "seed: 8"))
        let regridded = try SweepLoader.parse(SweepFilesTests.text, file: "tiny-sweep.yaml", grid: ["stations.server.servers=1,2,4"])
        let overridden = try SweepLoader.parse(SweepFilesTests.text, file: "tiny-sweep.yaml", overrides: ["duration=2h"])
        let root = try SweepFilesTests.write([
            ("s1", SweepFilesTests.files(sweep, shard: SweepShard("1/2"))),
            ("edited", SweepFilesTests.files(edited, shard: SweepShard("2/2"))),
            ("regridded", SweepFilesTests.files(regridded, shard: SweepShard("2/2"))),
            ("overridden", SweepFilesTests.files(overridden, shard: SweepShard("2/2"))),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let s1 = root.appendingPathComponent("s1").path
        let edit = try #require(SweepFilesTests.mergeError(root, ["s1", "edited"]))
        #expect(edit.hasPrefix("\(root.appendingPathComponent("edited").path) is not a shard of the same sweep as \(s1): the scenario text differs (SHA-256 "))
        #expect(SweepFilesTests.mergeError(root, ["s1", "regridded"])?.hasSuffix(
            ": the grid differs (stations.server.servers=1,2,3 stations.server.service={ exponential: { mean: 500ms } },{ exponential: { mean: 800ms } } against stations.server.servers=1,2,4 stations.server.service={ exponential: { mean: 500ms } },{ exponential: { mean: 800ms } })") == true)
        #expect(SweepFilesTests.mergeError(root, ["s1", "overridden"])?.hasSuffix(": the --set overrides differ ('default' against 'duration=2h')") == true)
    }

    @Test func damagedOrForeignDirectoriesAreRefused() throws {
        let sweep = try SweepFilesTests.sweep()
        let root = try SweepFilesTests.write([("s1", SweepFilesTests.files(sweep, shard: SweepShard("1/2")))])
        defer { try? FileManager.default.removeItem(at: root) }
        let s1 = root.appendingPathComponent("s1")
        let missing = try #require(SweepFilesTests.mergeError(root, ["nowhere"]))
        #expect(missing.hasPrefix("\(root.appendingPathComponent("nowhere").path): not a sweep directory (sweep.json and sweep-replications.csv): "))
        let csv = s1.appendingPathComponent("sweep-replications.csv")
        var text = try String(contentsOf: csv, encoding: .utf8)
        text = text.replacingOccurrences(of: ",wait_mean,s,0.14285714285714285\r\n", with: ",wait_mean,s,0.14285714285714286\r\n")
        try Data(text.utf8).write(to: csv)
        #expect(SweepFilesTests.mergeError(root, ["s1"])
            == "\(s1.path): sweep-replications.csv does not match the SHA-256 that sweep.json gives it (damaged or edited?)")
    }

    // MARK: sweep.html

    @Test func thePageIsSelfContainedAndEscapesTheScenario() throws {
        // `description` takes any text, so hostile values can be swept through it too.
        let hostile = SweepFilesTests.text
            .replacingOccurrences(of: "name: tiny-sweep", with: "name: \"<script>alert('n')</script>\"")
            .replacingOccurrences(
                of: "    stations.server.servers: [1, 2, 3]",
                with: "    stations.server.servers: [1, 2, 3]\n    description: [\"a & b <img onerror=alert(1)>\", \"</td><b>\"]")
        let page = SweepFilesTests.files(try SweepLoader.parse(hostile, file: "h.yaml"), shard: nil)[3].contents
        for forbidden in ["<script", "http://", "https://", "src=", "url(", "<img", "<b>", "</td><b", "@import", "<link", "<iframe"] {
            #expect(!page.contains(forbidden), "\(forbidden)")
        }
        #expect(page.contains("<h1>&lt;script&gt;alert(&#39;n&#39;)&lt;/script&gt;</h1>"))
        #expect(page.contains("<td>&quot;a &amp; b &lt;img onerror=alert(1)&gt;&quot;</td>"))
        #expect(page.contains("description=&quot;&lt;/td&gt;&lt;b&gt;&quot;"))
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.hasSuffix("</html>\n"))
    }

    @Test func chartsFollowTheParametersAndMetrics() throws {
        let page = SweepFilesTests.files(try SweepFilesTests.sweep(), shard: nil)[3].contents
        // Two metrics, each against two parameters; the service values read by their varying part.
        #expect(page.components(separatedBy: "<figure class=\"chart\">").count - 1 == 4)
        #expect(page.contains("wait mean of station.server by stations.server.servers"))
        #expect(page.contains("stations.server.service = { exponential: { mean: … } } (ms)"))
        #expect(page.contains("stations.server.service=500ms"))
        #expect(page.contains("Whiskers") || page.contains("whiskers: 95% confidence interval"))
        #expect(page.components(separatedBy: "<svg ").count == page.components(separatedBy: "viewBox=").count)
    }
}
