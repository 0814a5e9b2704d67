import Foundation
import SimKernel
import Sidecar
import Testing

@Suite struct IntrospectionCacheTests {
    @Test func entriesExpireAfterTheirTTL() {
        var cache = IntrospectionCache(capacity: 4, ttl: .seconds(60))
        cache.insert(7, at: .seconds(0))
        let fresh = cache.lookup(7, at: .seconds(59))
        let stale = cache.lookup(7, at: .seconds(60))
        #expect(fresh && !stale)
        #expect(cache.count == 0)
    }

    @Test func theLeastRecentlyUsedEntryGoesFirst() {
        var cache = IntrospectionCache(capacity: 3, ttl: .seconds(600))
        for key: UInt64 in [1, 2, 3] { cache.insert(key, at: .zero) }
        let touched = cache.lookup(1, at: .seconds(1))
        #expect(touched)
        cache.insert(4, at: .seconds(2))
        #expect(cache.count == 3)
        let evicted = cache.lookup(2, at: .seconds(3))
        #expect(!evicted, "2 was the least recently used")
        let kept = [1, 3, 4].map { cache.lookup(UInt64($0), at: .seconds(3)) }
        #expect(kept == [true, true, true])
    }

    /// Against a plain reference model, under random inserts and lookups over colliding keys;
    /// the larger cache grows its table three times on the way to full.
    @Test(arguments: [(50, 120), (3_000, 7_000)])
    func agreesWithAReferenceModel(capacity: Int, keys: UInt64) {
        var cache = IntrospectionCache(capacity: capacity, ttl: .seconds(30))
        var reference: [(key: UInt64, expires: SimTime)] = []
        var state: UInt64 = 11
        for step in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let key = (state >> 33) % keys
            let now = SimTime.milliseconds(Int64(step) * 10)
            if state >> 63 == 0 {
                let hit = cache.lookup(key, at: now)
                let index = reference.firstIndex { $0.key == key }
                let expected = index.map { reference[$0].expires > now } ?? false
                #expect(hit == expected, "step \(step)")
                if let index {
                    let entry = reference.remove(at: index)
                    if expected { reference.append(entry) }
                }
            } else {
                if let index = reference.firstIndex(where: { $0.key == key }) { reference.remove(at: index) }
                if reference.count == capacity { reference.removeFirst() }
                reference.append((key, now + .seconds(30)))
                cache.insert(key, at: now)
            }
            #expect(cache.count == reference.count)
        }
    }

    /// The hit rate emerges from key popularity: the same cache hits more often when a few
    /// users make most requests.
    @Test func hotterKeysHitMoreOften() {
        func hitRate(skew: Double) -> Double {
            var cache = IntrospectionCache(capacity: 200, ttl: .seconds(300))
            let stream = RandomStream(name: "keys", seed: 4)
            let popularity = DiscreteDistribution(weights: (0..<5_000).map { 1 / pow(Double($0 + 1), skew) })
            var hits = 0
            for step in 0..<50_000 {
                let key = UInt64(popularity.sample(stream))
                let now = SimTime.milliseconds(Int64(step))
                if cache.lookup(key, at: now) { hits += 1 } else { cache.insert(key, at: now) }
            }
            return Double(hits) / 50_000
        }
        let uniform = hitRate(skew: 0)
        let skewed = hitRate(skew: 1.1)
        #expect(uniform < 0.06)
        #expect(skewed > 0.5)
    }
}
