/// A descriptor value with `*` wildcards, as the rate-limit service matches them: each `*`
/// stands for any run of bytes, possibly empty (`foo*`, `bar*b`, `foo*bar*baz`).
struct WildcardPattern: Hashable, Sendable {
    /// The literal pieces between the stars, as UTF-8; at least two.
    private let pieces: [[UInt8]]

    /// nil when `value` has no `*`.
    init?(_ value: String) {
        guard value.utf8.contains(UInt8(ascii: "*")) else { return nil }
        pieces = value.utf8.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
    }

    func matches(_ value: String) -> Bool {
        if let result = value.utf8.withContiguousStorageIfAvailable({ matches($0) }) {
            return result
        }
        return Array(value.utf8).withUnsafeBufferPointer { matches($0) }
    }

    private func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let prefix = pieces[0]
        let suffix = pieces[pieces.count - 1]
        guard bytes.count >= prefix.count + suffix.count else { return false }
        guard bytes.starts(with: prefix), bytes.suffix(suffix.count).elementsEqual(suffix) else { return false }
        var position = prefix.count
        let end = bytes.count - suffix.count
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = Self.find(piece, in: bytes, from: position, to: end) else { return false }
            position = found + piece.count
        }
        return true
    }

    /// The first position at or after `start` where `piece` lies wholly before `end`.
    private static func find(_ piece: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var candidate = start
        while candidate + piece.count <= end {
            var index = 0
            while index < piece.count, bytes[candidate + index] == piece[index] {
                index += 1
            }
            if index == piece.count {
                return candidate
            }
            candidate += 1
        }
        return nil
    }
}
