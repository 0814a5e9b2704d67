import SimKernel
import Testing

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("250ms", Int64(250_000_000)), ("1.5s", 1_500_000_000), ("5m", 300_000_000_000),
        ("1h", 3_600_000_000_000), ("2d", 172_800_000_000_000), ("1h30m", 5_400_000_000_000),
        ("0.000000001s", 1), ("17ns", 17), ("3us", 3_000), ("3µs", 3_000), ("0s", 0), (" 10s ", 10_000_000_000),
    ])
    func parses(text: String, nanoseconds: Int64) throws {
        #expect(try DurationText.parse(text) == SimTime(nanoseconds: nanoseconds))
    }

    @Test(arguments: [
        (Int64(250_000_000), "250ms"), (1_500_000_000, "1.5s"), (300_000_000_000, "5m"),
        (3_600_000_000_000, "1h"), (172_800_000_000_000, "2d"), (90_000_000_000, "1.5m"),
        (100_000_000_000, "100s"), (1_234_567, "1.234567ms"), (7, "7ns"), (0, "0s"),
    ])
    func formats(nanoseconds: Int64, text: String) {
        #expect(DurationText.format(SimTime(nanoseconds: nanoseconds)) == text)
    }

    @Test func formatReadsBackExactly() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = SimTime(nanoseconds: Int64(state >> 20))
            #expect(try DurationText.parse(DurationText.format(value)) == value)
        }
    }

    @Test func rejectsMalformedDurations() {
        #expect(throws: DurationText.ParseError.missingUnit("60")) { try DurationText.parse("60") }
        #expect(throws: DurationText.ParseError.negative) { try DurationText.parse("-5s") }
        #expect(throws: DurationText.ParseError.unknownUnit("w")) { try DurationText.parse("2w") }
        #expect(throws: DurationText.ParseError.finerThanNanosecond("0.5ns")) { try DurationText.parse("0.5ns") }
        #expect(throws: DurationText.ParseError.empty) { try DurationText.parse("") }
        #expect(throws: DurationText.ParseError.malformedNumber("1.2.3s")) { try DurationText.parse("1.2.3s") }
        #expect(throws: DurationText.ParseError.tooLarge) { try DurationText.parse("300000000d") }
    }

    @Test func secondsRoundToTheNearestNanosecond() {
        #expect(SimTime(seconds: 1.5e-9) == SimTime(nanoseconds: 2))
        #expect(SimTime(seconds: 0.1) == SimTime(nanoseconds: 100_000_000))
        #expect(SimTime(seconds: 1e300) == .infinity)
    }
}
