import SimKernel

/// How a swept parameter's values read on a chart. Values that share text around a varying
/// part are labelled by that part (`{ exponential: { mean: 250ms } }` and `{ exponential:
/// { mean: 125ms } }` read `250ms` and `125ms`); labels that are all numbers or all durations
/// lie along a numeric axis, others are categories.
struct SweepAxis {
    enum Scale {
        case numbers
        /// Durations in the display unit `unit`.
        case durations(unit: String)
        case categories
    }

    let labels: [String]
    /// The shared text with `…` where the label goes, when values share text.
    let template: String?
    let scale: Scale
    /// The position of each value along the axis, for numbers and durations.
    let positions: [Double]?

    init(_ values: [String]) {
        let (prefix, suffix) = SweepAxis.sharedEnds(values)
        labels = values.map { String($0.dropFirst(prefix).dropLast(suffix)) }
        template = prefix + suffix > 0 ? String(values[0].prefix(prefix)) + "…" + String(values[0].suffix(suffix)) : nil
        let numbers = labels.compactMap { Double($0.replacingOccurrences(of: "_", with: "")) }.filter(\.isFinite)
        let seconds = labels.compactMap { text in (try? DurationText.parse(text))?.seconds }
        if numbers.count == labels.count {
            scale = .numbers
            positions = numbers
        } else if seconds.count == labels.count {
            let display = DisplayUnit.of("s", magnitude: seconds.map(abs).max() ?? 0)
            scale = .durations(unit: display.label)
            positions = seconds.map { $0 * display.scale }
        } else {
            scale = .categories
            positions = nil
        }
    }

    /// The axis title: the path, the template and the unit.
    func title(_ path: String) -> String {
        var title = path
        if let template { title += " = \(template)" }
        if case .durations(let unit) = scale { title += " (\(unit))" }
        return title
    }

    /// Whole numbers get whole ticks: at most one tick per unit of the range.
    var targetTicks: Int {
        guard let positions, case .numbers = scale, positions.allSatisfy({ $0 == $0.rounded() }),
              let low = positions.min(), let high = positions.max()
        else { return 8 }
        return max(1, min(8, Int(high - low)))
    }

    /// Lengths of the text all values begin and end with, cut back to a break (a space or
    /// bracket) so a number is never split; (0, 0) when fewer than two values or when a
    /// value would be left empty.
    static func sharedEnds(_ values: [String]) -> (prefix: Int, suffix: Int) {
        guard values.count > 1 else { return (0, 0) }
        let characters = values.map(Array.init)
        let shortest = characters.map(\.count).min()!
        var prefix = 0
        while prefix < shortest, characters.allSatisfy({ $0[prefix] == characters[0][prefix] }) { prefix += 1 }
        while prefix > 0, !isBreak(characters[0][prefix - 1]) { prefix -= 1 }
        var suffix = 0
        while suffix < shortest - prefix, characters.allSatisfy({ $0[$0.count - 1 - suffix] == characters[0][characters[0].count - 1 - suffix] }) {
            suffix += 1
        }
        while suffix > 0, !isBreak(characters[0][characters[0].count - suffix]) { suffix -= 1 }
        guard characters.allSatisfy({ $0.count > prefix + suffix }) else { return (0, 0) }
        return (prefix, suffix)
    }

    private static func isBreak(_ character: Character) -> Bool {
        " {}[],:".contains(character)
    }
}
