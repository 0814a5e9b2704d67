import SimKernel
import Sidecar
import Testing

@Suite struct AccessLogTests {
    /// A shipper too slow for the load: records are dropped, and every record is accounted
    /// for (written + dropped + buffered + in transit = produced) at every step.
    @Test func noRecordDisappearsWithoutBeingCounted() {
        var log = AccessLog(AccessLogConfiguration(bufferRecords: 100, flushRecords: 50, flushInterval: .seconds(1), shipperRate: 500))
        var now = SimTime.zero
        var flushEnds: SimTime?
        for step in 0..<100_000 {
            now = SimTime.microseconds(Int64(step) * 1_000)
            if let end = flushEnds, end <= now {
                log.finishFlush()
                flushEnds = nil
            }
            _ = log.append(at: now)
            if log.wantsFlush, let duration = log.startFlush(at: now) { flushEnds = now + duration }
            let accounted = log.written.total + log.dropped.total + UInt64(log.buffered + log.inTransit)
            #expect(accounted == log.produced.total)
        }
        #expect(log.dropped.total > 10_000)
        // The shipper writes 500 records per second at most: about 50,000 in 100 s.
        #expect(abs(Double(log.written.total) - 50_000) < 1_000)
    }

    @Test func aFullBufferRefusesUntilAFlush() {
        var log = AccessLog(AccessLogConfiguration(bufferRecords: 2, flushRecords: 2, flushInterval: .seconds(1), shipperRate: 10))
        let first = log.append(at: .zero), second = log.append(at: .zero), third = log.append(at: .zero)
        #expect(first && second && !third)
        let flush = log.startFlush(at: .zero)
        #expect(flush == .milliseconds(200))
        let fourth = log.append(at: .zero)
        #expect(fourth)
        let busy = log.startFlush(at: .zero)
        #expect(busy == nil, "the shipper is busy")
        log.finishFlush()
        #expect(log.written.total == 2 && log.dropped.total == 1 && log.buffered == 1)
    }
}
