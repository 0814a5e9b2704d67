import Foundation
import SimKernel

/// Typed readings of scalar nodes; every failure names the node's location and what was
/// expected there.
extension YAMLNode {
    public func text(_ what: String) throws(Diagnostic) -> String {
        guard case .scalar(let text, _) = content else {
            throw Diagnostic.error(at: location, "\(what) must be a single value, found \(kindDescription)")
        }
        return text
    }

    /// A finite number; YAML's digit separators (`1_000`) are allowed.
    public func number(_ what: String) throws(Diagnostic) -> Double {
        let raw = try text(what)
        guard case .scalar(_, quoted: false) = content,
              let value = Double(raw.replacingOccurrences(of: "_", with: "")), value.isFinite
        else {
            throw Diagnostic.error(at: location, "\(what) must be a number, found \(kindDescription)")
        }
        return value
    }

    public func positiveNumber(_ what: String) throws(Diagnostic) -> Double {
        let value = try number(what)
        guard value > 0 else { throw Diagnostic.error(at: location, "\(what) must be positive, found \(value.formatted)") }
        return value
    }

    public func nonNegativeNumber(_ what: String) throws(Diagnostic) -> Double {
        let value = try number(what)
        guard value >= 0 else { throw Diagnostic.error(at: location, "\(what) cannot be negative, found \(value.formatted)") }
        return value
    }

    public func integer(_ what: String, in range: ClosedRange<Int>) throws(Diagnostic) -> Int {
        let raw = try text(what)
        guard case .scalar(_, quoted: false) = content, let value = Int(raw.replacingOccurrences(of: "_", with: "")) else {
            throw Diagnostic.error(at: location, "\(what) must be a whole number, found \(kindDescription)")
        }
        guard range.contains(value) else {
            throw Diagnostic.error(at: location, "\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
        }
        return value
    }

    /// A probability in [0, 1].
    public func probability(_ what: String) throws(Diagnostic) -> Double {
        let value = try number(what)
        guard (0...1).contains(value) else {
            throw Diagnostic.error(at: location, "\(what) is a probability and must lie in [0, 1], found \(value.formatted)")
        }
        return value
    }

    /// A duration with its unit: `250ms`, `1.5s`, `5m`, `1h30m`.
    public func duration(_ what: String) throws(Diagnostic) -> SimTime {
        let raw = try text(what)
        do {
            return try DurationText.parse(raw)
        } catch {
            throw Diagnostic.error(at: location, "\(what): \(error)")
        }
    }

    public func positiveDuration(_ what: String) throws(Diagnostic) -> SimTime {
        let value = try duration(what)
        guard value > .zero else { throw Diagnostic.error(at: location, "\(what) must be longer than zero") }
        return value
    }

    /// An identifier: letters, digits, `-` and `_`, as used in metric names and streams (no
    /// dots: they separate the parts of `--set` paths and metric components).
    public func name(_ what: String) throws(Diagnostic) -> String {
        let raw = try text(what)
        try YAMLNode.checkName(raw, what: what, at: location)
        return raw
    }

    static func checkName(_ raw: String, what: String, at location: SourceLocation) throws(Diagnostic) {
        let allowed = raw.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_".unicodeScalars.contains($0)
        }
        guard !raw.isEmpty, allowed else {
            throw Diagnostic.error(at: location, "\(what) '\(raw)' must be made of letters, digits, '-' and '_'")
        }
    }
}

extension Double {
    /// Shortest text that reads back as the same number, for messages.
    var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : "\(self)"
    }
}
