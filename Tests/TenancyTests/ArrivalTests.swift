import Foundation
import Infra
import SimKernel
import Tenancy
import Testing

@Suite struct ArrivalTests {
    /// The expected arrivals of a stream of `rate` (per simulated second at full activity)
    /// between two simulated times: the activity integrated by Simpson's rule.
    static func expected(_ calendar: ActivityCalendar, rate: Double, offset: Double, from a: Double, to b: Double) -> Double {
        let steps = 600
        let h = (b - a) / Double(steps)
        var sum = 0.0
        for i in 0...steps {
            let weight = i == 0 || i == steps ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0)
            sum += weight * calendar.activity(atSeconds: a + Double(i) * h, utcOffsetHours: offset)
        }
        return rate * sum * h / 3
    }

    /// A day compressed into 24 simulated minutes (speed 60): each calendar hour's arrivals
    /// match the diurnal curve's integral over that hour within 2%.
    @Test(arguments: [ActivityCalendar.PeakClock.local, .utc])
    func arrivalsFollowTheDiurnalCurveHourByHour(clock: ActivityCalendar.PeakClock) {
        let calendar = ActivityCalendar(peakHour: 14, peakClock: clock, trough: 0.25, startHourUTC: 0, speed: 60)
        let rate = 3_000.0
        let offset = 5.5
        var stream = ArrivalStream(
            region: 0, utcOffsetHours: offset, members: [0, 1], weights: [rate / 3, 2 * rate / 3],
            arrivals: RandomStream(name: "t", seed: 11))
        var perHour = [Int](repeating: 0, count: 24)
        while let time = stream.next(calendar), time < .seconds(24 * 60) {
            perHour[Int(time.seconds / 60)] += 1
        }
        for hour in 0..<24 {
            let expected = Self.expected(calendar, rate: rate, offset: offset, from: Double(hour) * 60, to: Double(hour + 1) * 60)
            #expect(abs(Double(perHour[hour]) / expected - 1) < 0.02, "hour \(hour): \(perHour[hour]) against \(expected)")
        }
        // The curve itself: the peak hour is busiest, twelve hours later the quietest.
        let peak = clock == .local ? Int(14 - offset + 24) % 24 : 14
        #expect(perHour.firstIndex(of: perHour.max()!)! == peak || perHour.firstIndex(of: perHour.max()!)! == (peak + 23) % 24)
    }

    @Test func theCurveHasItsPeakTroughAndMean() {
        let calendar = ActivityCalendar(peakHour: 9, peakClock: .local, trough: 0.2)
        #expect(abs(calendar.activity(atSeconds: 9 * 3600, utcOffsetHours: 0) - 1) < 1e-12)
        #expect(abs(calendar.activity(atSeconds: 21 * 3600, utcOffsetHours: 0) - 0.2) < 1e-12)
        // Sydney (+10) peaks at 9 local = 23 UTC of the day before.
        #expect(abs(calendar.activity(atSeconds: 23 * 3600, utcOffsetHours: 10) - 1) < 1e-12)
        let mean = Self.expected(calendar, rate: 1, offset: 3, from: 0, to: 86_400) / 86_400
        #expect(abs(mean - 0.6) < 1e-9)
    }

    /// Weekly factors apply by local day: Saturday's arrivals are 0.3 of Friday's.
    @Test func theWeeklyPatternScalesLocalDays() {
        let weekly = [1, 1, 1, 1, 1, 0.3, 0.3]
        let calendar = ActivityCalendar(peakHour: 12, peakClock: .local, trough: 1, weekly: weekly, startWeekday: 4, speed: 24 * 60)
        #expect(calendar.maximum == 1)
        var stream = ArrivalStream(region: 0, utcOffsetHours: 0, members: [0], weights: [2_000], arrivals: RandomStream(name: "w", seed: 2))
        var days = [0, 0]
        // One simulated minute per calendar day: Friday, then Saturday.
        while let time = stream.next(calendar), time < .seconds(120) { days[Int(time.seconds / 60)] += 1 }
        #expect(abs(Double(days[1]) / Double(days[0]) - 0.3) < 0.02)
    }

    @Test func theAliasTableHoldsTheWeights() {
        let weights = [5.0, 0, 1, 3, 0.5, 0.5]
        let table = CompactAliasTable(weights: weights)
        for (index, weight) in weights.enumerated() {
            #expect(abs(table.probability(of: index) - weight / 10) < 1e-8)
        }
        let stream = RandomStream(name: "a", seed: 5)
        var counts = [Int](repeating: 0, count: weights.count)
        for _ in 0..<200_000 { counts[table.sample(stream.bits64())] += 1 }
        #expect(counts[1] == 0)
        #expect(abs(Double(counts[0]) / 200_000 - 0.5) < 0.005)
        #expect(abs(Double(counts[3]) / 200_000 - 0.3) < 0.005)
        #expect(CompactAliasTable(weights: [0, 0]).isEmpty)
    }

    /// A burst of the five largest tenants, four times their rate for a window: the burst
    /// streams hold exactly those tenants, their arrivals quadruple inside the window and
    /// nobody else's change.
    @Test func aBurstRaisesExactlyItsTenantsRate() {
        let configuration = TenantsConfiguration(
            count: 200, activeUsers: .lognormal(median: 20, p99: 400), tierShares: [1, 0, 0, 0],
            regions: [.init(name: "a", share: 0.5, utcOffsetHours: 0), .init(name: "b", share: 0.5, utcOffsetHours: 3)])
        let population = TenantPopulation(configuration, streams: RandomStreams(seed: 21))
        let flat = ActivityCalendar(peakHour: 0, peakClock: .utc, trough: 1)
        let burst = WorkloadConfiguration.Burst(name: "batch", largest: 5, multiplier: 4, start: .seconds(1_000), end: .seconds(2_000))
        let arrivals = TenantArrivals(population: population, workload: WorkloadFixtures.workload(calendar: flat, bursts: [burst]), streams: RandomStreams(seed: 22))
        let largest = Array(population.activeUsers.indices.sorted { population.activeUsers[$0] > population.activeUsers[$1] }.prefix(5))
        let burstMembers = arrivals.streams[arrivals.regionStreams...].flatMap(\.members).map(Int.init).sorted()
        #expect(burstMembers == largest.sorted())
        let choices = RandomStream(name: "c", seed: 23)
        var inside = [Int](repeating: 0, count: population.count)
        var outside = [Int](repeating: 0, count: population.count)
        for index in arrivals.streams.indices {
            while let time = arrivals.next(index), time < .seconds(3_000) {
                let tenant = Int(arrivals.tenant(of: index, choices))
                if time >= .seconds(1_000) && time < .seconds(2_000) { inside[tenant] += 1 } else { outside[tenant] += 1 }
            }
        }
        let subset = Set(largest)
        let subsetRatio = Double(largest.map { inside[$0] }.reduce(0, +)) / (Double(largest.map { outside[$0] }.reduce(0, +)) / 2)
        let others = population.activeUsers.indices.filter { !subset.contains($0) }
        let othersRatio = Double(others.map { inside[$0] }.reduce(0, +)) / (Double(others.map { outside[$0] }.reduce(0, +)) / 2)
        #expect(abs(subsetRatio - 4) < 0.15, "subset: \(subsetRatio)")
        #expect(abs(othersRatio - 1) < 0.05, "others: \(othersRatio)")
    }

    /// Tenants added at run time join their region's sign-up stream, which starts then: its
    /// first arrival comes after the moment they join, at the new tenants' rate, and the
    /// region's own stream is left as it was.
    @Test func addedTenantsJoinTheirRegionsSignupStream() throws {
        let configuration = TenantsConfiguration(
            count: 10, activeUsers: .constant(1), tierShares: [1, 0, 0, 0], regions: [.init(name: "a", share: 1, utcOffsetHours: 0)])
        let population = TenantPopulation(configuration, streams: RandomStreams(seed: 1))
        let flat = WorkloadFixtures.workload(calendar: ActivityCalendar(peakHour: 14, peakClock: .local, trough: 1))
        let arrivals = TenantArrivals(population: population, workload: flat, streams: RandomStreams(seed: 1))
        let rate = arrivals.peakRate
        let signupStream = arrivals.signupStreams
        #expect(arrivals.next(signupStream) == nil, "no sign-ups yet, no arrivals")
        let id = population.append(.init(activeUsers: 90, tier: .standard, region: 0, products: 1))
        #expect(arrivals.tenantsAdded([id], at: .seconds(1_000)) == [signupStream])
        #expect(abs(arrivals.peakRate - rate * 10) < 1e-9)
        #expect(arrivals.streams[0].members.count == 10)
        var sent = 0
        var first: SimTime?
        while let time = arrivals.next(signupStream), time < .seconds(2_000) {
            first = first ?? time
            sent += 1
        }
        #expect(try #require(first) > .seconds(1_000))
        // 90 users at 2 a minute: 3 a second, 3,000 +- 3 standard deviations over 1,000 s.
        #expect(abs(sent - 3_000) < 165, "\(sent)")
        let choices = RandomStream(name: "c", seed: 2)
        #expect((0..<100).allSatisfy { _ in arrivals.tenant(of: signupStream, choices) == id })
    }
}
