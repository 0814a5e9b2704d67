import Infra
import SimKernel

/// The arrival streams of a population: one per region (every tenant of the region, weighted
/// by active users), and per burst one per region with a share of the burst's tenants,
/// carrying only the burst's extra rate (`multiplier - 1` times theirs) during its window.
/// Superposed, a burst tenant sends at `multiplier` times its rate, everyone else as before.
/// Last, one stream per region for the tenants that sign up during the run, empty until the
/// first of them is ACTIVE: superposed with the region's own stream it is the stream of all
/// the region's tenants, and taking a tenant in rebuilds the alias table of the sign-ups
/// alone, not of the whole region.
///
/// Streams draw from `workload.<region>/arrivals`, `workload.burst.<burst>.<region>/arrivals`
/// and `workload.<region>.signups/arrivals`.
public final class TenantArrivals {
    public let calendar: ActivityCalendar
    public private(set) var streams: [ArrivalStream]
    private let population: TenantPopulation
    private let perUserRate: Double
    /// How many streams are regions' (the first ones); burst streams follow.
    public let regionStreams: Int
    /// The index of the first region's sign-up stream; the other regions' follow in order.
    public let signupStreams: Int

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
        signupStreams = built.count
        for (index, region) in regions.enumerated() {
            built.append(ArrivalStream(
                region: index, utcOffsetHours: region.utcOffsetHours, members: [], weights: [],
                arrivals: randomStreams.stream("workload.\(region.name).signups/arrivals")))
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

    /// Requests per second of all regions' streams at full activity, sign-ups included
    /// (bursts aside).
    public var peakRate: Double {
        streams[0..<regionStreams].reduce(0) { $0 + $1.rate } + streams[signupStreams...].reduce(0) { $0 + $1.rate }
    }

    /// Takes tenants `ids` (admitted to the population) into their regions' sign-up streams
    /// at `now`, rebuilding those streams' alias tables: O(the region's sign-ups so far), so
    /// tenants should be told in batches. Bursts keep the tenants they chose at the start.
    /// Returns the indices of the streams that changed, which restart from `now`.
    public func tenantsAdded(_ ids: [UInt32], at now: SimTime) -> [Int] {
        var added = [[UInt32]](repeating: [], count: population.configuration.regions.count)
        for id in ids { added[Int(population.regions[Int(id)])].append(id) }
        var changed: [Int] = []
        for region in added.indices where !added[region].isEmpty {
            let index = signupStreams + region
            let weights = (streams[index].members + added[region]).map { Double(population.activeUsers[Int($0)]) * perUserRate }
            streams[index].join(added[region], weights: weights, at: now)
            changed.append(index)
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
