import EdgeProxy
import SimKernel
import Testing

@Suite("Weighted clusters")
struct WeightedClusterTests {
    func action(_ weights: [(String, UInt32)]) throws -> RouteAction {
        try RouteAction(weightedClusters: try WeightedClusters(weights.map { WeightedClusters.Entry($0.0, weight: $0.1) }))
    }

    /// `RouteMatcherTest.WeightedClusters` (envoy-vectors.md §13.2).
    @Test func envoyVectorsThirtyThirtyForty() throws {
        let weighted = try action([("cluster1", 30), ("cluster2", 30), ("cluster3", 40)])
        #expect(weighted.clusterName(randomValue: 115) == "cluster1")  // 115 % 100 = 15
        #expect(weighted.clusterName(randomValue: 445) == "cluster2")  // 45
        #expect(weighted.clusterName(randomValue: 560) == "cluster3")  // 60
    }

    @Test func envoyVectorsTotalTenThousand() throws {
        let weighted = try action([("cluster1", 2000), ("cluster2", 3000), ("cluster3", 5000)])
        #expect(weighted.clusterName(randomValue: 1150) == "cluster1")
        #expect(weighted.clusterName(randomValue: 4500) == "cluster2")
        #expect(weighted.clusterName(randomValue: 8900) == "cluster3")
    }

    @Test func envoyVectorsFiftyFifty() throws {
        let weighted = try action([("cluster1", 50), ("cluster2", 50)])
        #expect(weighted.clusterName(randomValue: 0) == "cluster1")
        #expect(weighted.clusterName(randomValue: 55) == "cluster2")
    }

    @Test func intervalBoundariesInConfigOrder() throws {
        let weighted = try action([("a", 1), ("b", 0), ("c", 2)])
        #expect(weighted.clusterNames == ["a", "b", "c"])
        #expect(weighted.clusterIndex(randomValue: 0) == 0)  // [0, 1)
        #expect(weighted.clusterIndex(randomValue: 1) == 2)  // b's interval is empty; c is [1, 3)
        #expect(weighted.clusterIndex(randomValue: 2) == 2)
        #expect(weighted.clusterIndex(randomValue: 3) == 0)  // 3 % 3 = 0
        #expect(weighted.clusterIndex(randomValue: UInt64.max) == 0)  // (2^64 - 1) % 3 = 0
    }

    @Test func scriptedRandomLandsInEachInterval() throws {
        let config = try RouteConfiguration(virtualHosts: [
            VirtualHost(name: "app", domains: ["*"], routes: [
                Route(match: .prefix("/"), action: try action([("blue", 90), ("green", 10)])),
            ]),
        ])
        // Matching is resolved once; the draw is the only per-request step.
        let selection = try #require(config.route(for: Fixture.request("a", "/")).selection)
        var random = ScriptedRandom([89, 90, 99, 100, 195])
        let picks = (0..<5).map { _ in selection.clusterNames[selection.clusterIndex(random: &random)] }
        #expect(picks == ["blue", "green", "green", "blue", "green"])
        #expect(random.draws == 5)
    }

    @Test func singleClusterDrawsNoRandomValue() throws {
        let single = try RouteAction(cluster: "only")
        var random = ScriptedRandom([7])
        #expect(single.clusterIndex(random: &random) == 0)
        #expect(random.draws == 0)
        #expect(!single.needsRandomValue)
    }
}
