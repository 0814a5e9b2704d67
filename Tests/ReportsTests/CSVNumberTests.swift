import Reports
import Testing

@Suite struct CSVNumberTests {
    @Test(arguments: [
        (0.0, "0"), (42.0, "42"), (-7.0, "-7"), (1e6, "1000000"),
        (999_999_999_999_999.0, "999999999999999"), (-999_999_999_999_999.0, "-999999999999999"),
    ])
    func wholeNumbersHaveNoDecimalPoint(value: Double, expected: String) {
        #expect(CSVNumber.format(value) == expected)
    }

    @Test(arguments: [
        (1.5, "1.5"), (-0.25, "-0.25"), (0.1, "0.1"), (0.1 + 0.2, "0.30000000000000004"),
        (1.0 / 3.0, "0.3333333333333333"), (123456.789, "123456.789"), (2.5e-7, "2.5e-07"),
        (1e300, "1e+300"), (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        (Double.leastNonzeroMagnitude, "5e-324"),
    ])
    func otherValuesAreShortestRoundTrip(value: Double, expected: String) {
        #expect(CSVNumber.format(value) == expected)
        #expect(Double(CSVNumber.format(value)) == value)
    }

    @Test func nanIsAnEmptyField() {
        #expect(CSVNumber.format(.nan) == "")
        #expect(CSVNumber.format(-Double.nan) == "")
        #expect(CSVNumber.format(.signalingNaN) == "")
    }

    @Test func negativeZeroIsZero() {
        #expect(CSVNumber.format(-0.0) == "0")
    }

    @Test func infinities() {
        #expect(CSVNumber.format(.infinity) == "inf")
        #expect(CSVNumber.format(-.infinity) == "-inf")
    }

    /// Large whole numbers: no decimal point, and the text reads back to the same value.
    /// (Swift prints 1e15 ..< 2^54 as "1000000000000000.0".)
    @Test(arguments: [
        1e15, -1e15, 1_234_567_890_123_456.0, 9_007_199_254_740_992.0, 1e16, -1e16, 1e17, 1e19, -1e19, 1e300,
    ])
    func largeWholeNumbersHaveNoDecimalPoint(value: Double) {
        let text = CSVNumber.format(value)
        #expect(!text.contains("."), "\(value) formatted as \(text)")
        #expect(Double(text) == value, "\(text) does not read back as \(value)")
    }

    @Test func exactIntegersBelowTheThreshold() {
        #expect(CSVNumber.format(123_456_789_012_345) == "123456789012345")
        #expect(CSVNumber.format(-123_456_789_012_345) == "-123456789012345")
    }
}
