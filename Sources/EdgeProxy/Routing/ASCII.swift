/// Byte-wise ASCII string operations, as Envoy performs them on `absl::string_view`s.
///
/// Swift's `String` comparisons use Unicode canonical equivalence and `lowercased()` is
/// Unicode-aware; Envoy compares bytes and lower-cases ASCII only. These helpers keep the
/// simulator's decisions identical to Envoy's for every input.
enum ASCII {
    /// `absl::AsciiStrToLower`: only `A`–`Z` change.
    static func lowercased(_ text: some StringProtocol) -> String {
        var bytes = Array(text.utf8)
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A {
            bytes[index] |= 0x20
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    static func equal(_ lhs: some StringProtocol, _ rhs: some StringProtocol, ignoringCase: Bool = false) -> Bool {
        ignoringCase
            ? lhs.utf8.elementsEqual(rhs.utf8) { lower($0) == lower($1) }
            : lhs.utf8.elementsEqual(rhs.utf8)
    }

    static func hasPrefix(_ text: some StringProtocol, _ prefix: some StringProtocol, ignoringCase: Bool = false) -> Bool {
        ignoringCase
            ? text.utf8.starts(with: prefix.utf8) { lower($0) == lower($1) }
            : text.utf8.starts(with: prefix.utf8)
    }

    static func hasSuffix(_ text: some StringProtocol, _ suffix: some StringProtocol) -> Bool {
        let textCount = text.utf8.count
        let suffixCount = suffix.utf8.count
        guard suffixCount <= textCount else { return false }
        return text.utf8.dropFirst(textCount - suffixCount).elementsEqual(suffix.utf8)
    }

    static func contains(_ text: some StringProtocol, _ needle: some StringProtocol) -> Bool {
        let haystack = Array(text.utf8)
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return true }
        guard pattern.count <= haystack.count else { return false }
        for start in 0...(haystack.count - pattern.count)
        where haystack[start..<(start + pattern.count)].elementsEqual(pattern) {
            return true
        }
        return false
    }

    /// `absl::SimpleAtoi` into an `int64_t`: ASCII whitespace around the number is ignored, an
    /// optional sign, then decimal digits only; anything else (or overflow) fails.
    static func int64(_ text: some StringProtocol) -> Int64? {
        var bytes = Substring(text).utf8[...]
        while let first = bytes.first, isSpace(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, isSpace(last) { bytes = bytes.dropLast() }
        guard !bytes.isEmpty else { return nil }
        return Int64(String(decoding: bytes, as: UTF8.self), radix: 10)
    }
}
