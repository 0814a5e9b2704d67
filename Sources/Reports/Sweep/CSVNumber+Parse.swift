extension CSVNumber {
    /// The inverse of `format`: the same double, bit for bit (NaN for an empty field), or
    /// nil for text `format` never writes.
    public static func parse(_ text: String) -> Double? {
        switch text {
        case "": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default:
            guard let value = Double(text), value.isFinite else { return nil }
            return value
        }
    }
}
