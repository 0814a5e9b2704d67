import Foundation
import Scenario
import SimKernel
import Testing

/// Shards slice the items exactly once; the runner's results depend on neither the number of
/// threads nor the shard.
@Suite struct SweepRunTests {
    @Test(arguments: ["1/1", "1/3", "3/3", "12/100"])
    func shardsParse(text: String) throws {
        let shard = try #require(SweepShard(text))
        #expect(shard.description == text)
    }

    @Test(arguments: ["0/3", "4/3", "1/0", "1", "1/2/3", "a/2", "-1/2", "+1/2", " 1/2", "1/", "/2", "1/2000000", "١/٢"])
    func malformedShardsAreRefused(text: String) {
        #expect(SweepShard(text) == nil)
    }

    @Test func shardsCoverEveryItemExactlyOnce() {
        for total in 0...23 {
            for count in 1...7 {
                let shards = (1...count).map { SweepShard(index: $0, count: count)! }
                let slices = shards.map { $0.items(of: total) }
                #expect(slices.flatMap { $0 }.sorted() == Array(0..<total), "total \(total) count \(count)")
                for (shard, slice) in zip(shards, slices) {
                    #expect(slice == (0..<total).filter(shard.holds))
                    #expect(slice == slice.sorted())
                }
            }
        }
    }

    private func smallSweep() throws -> Sweep {
        try SweepLoader.parse(
            SweepLoaderTests.text, file: "t.yaml",
            overrides: ["duration=20m", "warmup=1m"], grid: ["stations.server.servers=1,2"])
    }

    @Test func threadsNeverChangeTheResults() throws {
        let sweep = try smallSweep()
        let items = Array(0..<sweep.itemCount)
        let one = SweepRunner.run(sweep, items: items, jobs: 1)
        let two = SweepRunner.run(sweep, items: items, jobs: 2)
        #expect(one == two)
        #expect(one.map(\.point) == [0, 0, 1, 1, 2, 2, 3, 3])
        #expect(one.map(\.replication) == [0, 1, 0, 1, 0, 1, 0, 1])
        // Common random numbers: replication r has the same seed at every point.
        #expect(one.map(\.seed) == Array(one.prefix(2).map(\.seed)).repeated(4))
        // Points differ: a second server shortens the wait (point 2 against point 0).
        let wait = { (result: SweepItemResult) in result.metrics.values[result.metrics.keys.firstIndex(of: MetricKey("station.server", "wait_mean", "s"))!] }
        #expect(wait(one[4]) < wait(one[0]))
    }

    @Test func aShardComputesExactlyWhatTheWholeSweepDoesForItsItems() throws {
        let sweep = try smallSweep()
        let whole = SweepRunner.run(sweep, items: Array(0..<sweep.itemCount), jobs: 2)
        let shard = SweepShard("2/3")!
        let items = shard.items(of: sweep.itemCount)
        #expect(items == [1, 4, 7])
        #expect(SweepRunner.run(sweep, items: items, jobs: 2) == items.map { whole[$0] })
    }

    @Test func theShippedSweepsLoadAndChartMetricsTheirModelsReport() throws {
        let directory = packageRoot.appendingPathComponent("scenarios/sweeps")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files == ["edge-capacity.yaml", "queue-servers.yaml"])
        for file in files {
            let sweep = try SweepLoader.load(file: directory.appendingPathComponent(file).path)
            #expect(sweep.points.count > 1)
            #expect(!sweep.metrics.isEmpty)
            #expect(sweep.points.allSatisfy { $0.scenario.warnings.isEmpty })
            try sweep.checkMetrics()
        }
    }
}
