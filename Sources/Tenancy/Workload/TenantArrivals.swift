import Infra
import SimKernel

/// The arrival streams of a population: one per region (every tenant of the region, weighted
/// by active users), and per burst one per region with a share of the burst's tenants,
/// carrying only the burst's extra rate (`multiplier - 1` times theirs) during its window.
/// Superposed, a burst tenant sends at `multiplier` times its rate, everyone else as before.
///
/// Streams draw from `workload.<region>/arrivals` and `workload.burst.<burst>.<region>/arrivals`.
public final class TenantArrivals {
    public let calendar: ActivityCalendar
    public private(set) var streams: [ArrivalStream]
    private let population: TenantPopulation
    private let perUserRate: Double
    /// How many streams are regions' (the first ones); burst streams follow.
    public let regionStreams: Int

    public init(population: TenantPopulation, workload: WorkloadConfiguration, streams randomStreams: RandomStreams) {
        self.population = population
        calendar = workload.calendar
        let perUser = workload.perUserRate
        perUserRate = perUser
        let regions = population.configuration.regions
        let byRegion = Self.membersByRegion(population, ids: 0..<population.count)
        var built: [ArrivalStream] = []
        for (index, region) in regions.enumerated() {
            built.append(ArrivalStream(
                region: index, utcOffsetHours: region.utcOffsetHours, members: byRegion[index],
                weights: byRegion[index].map { Double(population.activeUsers[Int($0)]) * perUser },
                arrivals: randomStreams.stream("workload.\(region.name)/arrivals")))
        }
        regionStreams = built.count
        for burst in workload.bursts {
            let subset = Self.largest(burst.largest, of: population, tier: burst.tier)
            let subsetByRegion = Self.membersByRegion(population, ids: subset)
            let extra = (burst.multiplier - 1) * perUser
            for (index, region) in regions.enumerated() where !subsetByRegion[index].isEmpty {
                built.append(ArrivalStream(
                    region: index, utcOffsetHours: region.utcOffsetHours, members: subsetByRegion[index],
                    weights: subsetByRegion[index].map { Double(population.activeUsers[Int($0)]) * extra },
                    start: burst.start, end: burst.end,
                    arrivals: randomStreams.stream("workload.burst.\(burst.name).\(region.name)/arrivals")))
            }
        }
        streams = built
    }

    /// The next arrival of stream `index`, or nil when it sends nothing more.
    @inline(__always)
    public func next(_ index: Int) -> SimTime? {
        streams[index].next(calendar)
    }

    @inline(__always)
    public func tenant(of index: Int, _ choices: RandomStream) -> UInt32 {
        streams[index].tenant(choices)
    }

    /// Requests per second of all regions' streams at full activity (bursts aside).
    public var peakRate: Double { streams[0..<regionStreams].reduce(0) { $0 + $1.rate } }

    /// Takes tenants appended to the population since the streams were built (or last told)
    /// into their regions' streams, rebuilding those regions' alias tables: O(region size),
    /// so sign-ups should be told in batches. Bursts keep the tenants they chose at the start.
    /// Returns the regions whose streams changed.
    public func tenantsAdded(_ ids: Range<Int>) -> [Int] {
        let added = Self.membersByRegion(population, ids: ids)
        var changed: [Int] = []
        for region in added.indices where !added[region].isEmpty {
            let members = streams[region].members + added[region]
            streams[region].replaceMembers(members, weights: members.map { Double(population.activeUsers[Int($0)]) * perUserRate })
            changed.append(region)
        }
        return changed
    }

    /// Bytes of the streams' per-tenant arrays (see `TenantPopulation.memoryBytes`).
    public var memoryBytes: Int { streams.reduce(0) { $0 + $1.memoryBytes } }

    static func membersByRegion<Ids: Sequence>(_ population: TenantPopulation, ids: Ids) -> [[UInt32]] where Ids.Element == Int {
        var byRegion = [[UInt32]](repeating: [], count: population.configuration.regions.count)
        var counts = [Int](repeating: 0, count: byRegion.count)
        for id in ids { counts[Int(population.regions[id])] += 1 }
        for region in byRegion.indices { byRegion[region].reserveCapacity(counts[region]) }
        for id in ids { byRegion[Int(population.regions[id])].append(UInt32(id)) }
        return byRegion
    }

    /// The `k` tenants with the most active users (of `tier`, when given), ties to the lower
    /// id, in increasing id order.
    static func largest(_ k: Int, of population: TenantPopulation, tier: Tier?) -> [Int] {
        var candidates = Array(0..<population.count)
        if let tier { candidates = candidates.filter { population.tiers[$0] == tier } }
        let users = population.activeUsers
        let chosen = candidates.sorted { users[$0] != users[$1] ? users[$0] > users[$1] : $0 < $1 }.prefix(k)
        return chosen.sorted()
    }
}
