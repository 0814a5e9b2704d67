import SimKernel
import Testing

@Suite struct StationTests {
    @Test func servesFirstComeFirstServedOnFreeServers() {
        var station = Station(servers: 2)
        #expect(station.arrive(job: 10, at: .seconds(0)) == .started(server: 0))
        #expect(station.arrive(job: 11, at: .seconds(1)) == .started(server: 1))
        #expect(station.arrive(job: 12, at: .seconds(2)) == .queued)
        #expect(station.arrive(job: 13, at: .seconds(3)) == .queued)
        #expect(station.jobsInSystem == 4 && station.queueLength == 2 && station.busyServers == 2)
        let first = station.complete(server: 1, at: .seconds(4))
        #expect(first.finished == 11 && first.started == 12)
        #expect(station.job(onServer: 1) == 12)
        let second = station.complete(server: 0, at: .seconds(5))
        #expect(second.finished == 10 && second.started == 13)
        #expect(station.complete(server: 1, at: .seconds(6)) == (12, nil))
        #expect(station.complete(server: 0, at: .seconds(7)) == (13, nil))
        let statistics = station.statistics
        // Waits: 0, 0, 2 (12 waited 2..4), 2 (13 waited 3..5).
        #expect(statistics.waits.mean == 1)
        // Sojourns: 10: 5, 11: 3, 12: 4, 13: 4.
        #expect(statistics.sojourns.mean == 4)
        #expect(statistics.completions.total == 4)
        // Jobs in system over [0, 7]: 1,2,3,4 for 1 s each, then 3, 2, 1 for 1 s each: 16.
        #expect(statistics.jobsInSystem.mean(at: .seconds(7)) == 16.0 / 7)
        #expect(statistics.busyServers.mean(at: .seconds(7)) == 12.0 / 7)
    }

    @Test func rejectsWhenFull() {
        var station = Station(servers: 1, capacity: 2)
        #expect(station.arrive(job: 1, at: .zero) == .started(server: 0))
        #expect(station.arrive(job: 2, at: .zero) == .queued)
        #expect(station.arrive(job: 3, at: .zero) == .rejected)
        #expect(station.statistics.rejections.total == 1 && station.statistics.arrivals.total == 3)
        _ = station.complete(server: 0, at: .seconds(1))
        #expect(station.arrive(job: 4, at: .seconds(1)) == .queued)
    }

    @Test func resetRemembersJobsPresentForConservation() {
        var station = Station(servers: 1)
        _ = station.arrive(job: 1, at: .zero)
        _ = station.arrive(job: 2, at: .zero)
        station.resetStatistics(at: .seconds(1))
        #expect(station.statistics.jobsAtReset == 2)
        #expect(station.statistics.arrivals.sinceReset == 0)
        _ = station.complete(server: 0, at: .seconds(2))
        var table = MetricTable()
        station.statistics.report("station.s", servers: 1, at: .seconds(3), into: &table)
        #expect(table.value("station.s", "completions", "count") == 1)
        #expect(table.value("station.s", "in_system_start", "count") == 2)
        #expect(table.value("station.s", "in_system_end", "count") == 1)
        #expect(table.value("station.s", "utilization", "ratio") == 1)
    }

    @Test func fifoQueueWrapsAndGrows() {
        var queue = FIFOQueue<Int>(initialCapacity: 2)
        var expected: [Int] = []
        for i in 0..<100 {
            queue.append(i)
            expected.append(i)
            if i % 3 == 0 { #expect(queue.removeFirst() == expected.removeFirst()) }
        }
        while !queue.isEmpty { #expect(queue.removeFirst() == expected.removeFirst()) }
        #expect(expected.isEmpty)
    }
}
