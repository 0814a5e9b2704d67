import SimKernel
import Testing

@Suite struct FCFSServersTests {
    /// The same jobs as StationTests' first case: the closed-form queue must agree with the
    /// event-driven station on every start, end and time-weighted measure.
    @Test func agreesWithTheEventDrivenStation() {
        var queue = FCFSServers(servers: 2)
        #expect(queue.arrive(at: .seconds(0), service: .seconds(5))! == (.seconds(0), .seconds(5)))
        #expect(queue.arrive(at: .seconds(1), service: .seconds(3))! == (.seconds(1), .seconds(4)))
        #expect(queue.arrive(at: .seconds(2), service: .seconds(2))! == (.seconds(4), .seconds(6)))
        #expect(queue.arrive(at: .seconds(3), service: .seconds(2))! == (.seconds(5), .seconds(7)))
        #expect(queue.jobsInSystem == 4)
        queue.advance(to: .seconds(7))
        #expect(queue.jobsInSystem == 0)
        let statistics = queue.statistics
        #expect(statistics.waits.mean == 1)
        #expect(statistics.sojourns.mean == 4)
        #expect(statistics.completions.total == 4)
        #expect(statistics.jobsInSystem.mean(at: .seconds(7)) == 16.0 / 7)
        #expect(statistics.busyServers.mean(at: .seconds(7)) == 12.0 / 7)
    }

    @Test func turnsJobsAwayOnlyWhileFull() {
        var queue = FCFSServers(servers: 1, capacity: 2)
        #expect(queue.arrive(at: .zero, service: .seconds(1)) != nil)
        #expect(queue.arrive(at: .zero, service: .seconds(1)) != nil)
        #expect(queue.arrive(at: .zero, service: .seconds(1)) == nil)
        // The first job leaves at 1 s, so a job arriving then finds room.
        #expect(queue.arrive(at: .seconds(1), service: .seconds(1))! == (.seconds(2), .seconds(3)))
        #expect(queue.statistics.rejections.total == 1 && queue.statistics.arrivals.total == 4)
    }

    @Test func aJobNotYetReadyHoldsItsServerFromItsReadyTime() {
        var queue = FCFSServers(servers: 1)
        #expect(queue.arrive(at: .zero, notBefore: .seconds(2), service: .seconds(1))! == (.seconds(2), .seconds(3)))
        #expect(queue.arrive(at: .seconds(1), service: .seconds(1))! == (.seconds(3), .seconds(4)))
    }

    /// Lindley's recursion against the obvious reference: every server's free time in a list,
    /// each job taking the earliest.
    @Test(arguments: [1, 2, 3, 7])
    func matchesTheEarliestFreeServerReference(servers: Int) {
        let random = RandomStream(name: "fcfs", seed: UInt64(servers))
        var queue = FCFSServers(servers: servers)
        var freeAt = Array(repeating: SimTime.zero, count: servers)
        var now = SimTime.zero
        var sojourns = SimTime.zero
        for _ in 0..<5_000 {
            now = now + SimTime(seconds: random.exponential(mean: 1))
            let service = SimTime(seconds: random.exponential(mean: 0.9 * Double(servers)))
            let server = freeAt.indices.min { freeAt[$0] < freeAt[$1] }!
            let start = max(now, freeAt[server])
            freeAt[server] = start + service
            let job = queue.arrive(at: now, service: service)!
            #expect(job == (start, start + service))
            sojourns = sojourns + (start + service - now)
        }
        let end = freeAt.max()!
        queue.advance(to: end)
        // Little's law holds exactly over a window that every job enters and leaves.
        let area = queue.statistics.jobsInSystem.mean(at: end) * end.seconds
        #expect(abs(area - sojourns.seconds) < 1e-6 * sojourns.seconds)
    }

    @Test func timeHeapSortsWhatItHolds() {
        let random = RandomStream(name: "heap", seed: 9)
        var heap = TimeHeap()
        var times: [SimTime] = []
        for _ in 0..<1_000 {
            let time = SimTime.nanoseconds(Int64(random.index(below: 500)))
            heap.insert(time)
            times.append(time)
        }
        var drained: [SimTime] = []
        while !heap.isEmpty { drained.append(heap.removeMinimum()) }
        #expect(drained == times.sorted())
    }
}
