import SimKernel
import Testing

@Suite struct EventCalendarTests {
    /// Random inserts and removals against a sorted reference, with many equal times so that
    /// the tie-break by insertion order is exercised.
    @Test func popsInTimeThenInsertionOrder() {
        let calendar = EventCalendar(initialCapacity: 4)
        var reference: [(time: Int64, sequence: UInt64)] = []
        var state: UInt64 = 42
        var sequence: UInt64 = 0
        var now: Int64 = 0
        for step in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            if state >> 62 != 0 || reference.isEmpty {
                let time = now + Int64((state >> 33) % 16)
                calendar.insert(Event(time: SimTime(nanoseconds: time), sequence: sequence, target: ComponentID(index: 3), kind: 1, subject: UInt32(step), argument: 0))
                reference.append((time, sequence))
                sequence += 1
            } else {
                let event = calendar.removeFirst()
                let expected = reference.indices.min { (reference[$0].time, reference[$0].sequence) < (reference[$1].time, reference[$1].sequence) }!
                #expect(event.time.nanoseconds == reference[expected].time)
                #expect(event.sequence == reference[expected].sequence)
                #expect(event.target == ComponentID(index: 3))
                now = event.time.nanoseconds
                reference.remove(at: expected)
            }
            #expect(calendar.count == reference.count)
        }
    }

    @Test func growsByDoublingAndKeepsItsStorageWhenDrained() {
        let calendar = EventCalendar(initialCapacity: 2)
        for i in 0..<1_000 {
            calendar.insert(Event(time: SimTime(nanoseconds: Int64(1_000 - i)), sequence: UInt64(i), target: ComponentID(index: 0), kind: 0, subject: 0, argument: 0))
        }
        let bytes = calendar.allocatedBytes
        #expect(bytes == (1_024 + 3) * 32)
        var last = Int64.min
        while !calendar.isEmpty {
            let event = calendar.removeFirst()
            #expect(event.time.nanoseconds > last)
            last = event.time.nanoseconds
        }
        #expect(calendar.allocatedBytes == bytes)
    }

    @Test func eventsAre32Bytes() {
        #expect(MemoryLayout<Event>.stride == 32)
    }
}
