/// 64-bit MurmurHash2 as libstdc++'s `_Hash_bytes` computes it, which is what Envoy's
/// `MurmurHash::murmurHash2` ports (`source/common/common/hash.cc`). Ring hash uses it with
/// `standardSeed` when `hash_function: MURMUR_HASH_2` is configured.
///
/// Bytes are read little-endian, as on every platform Envoy's vectors were produced on.
public enum MurmurHash2 {
    /// `MurmurHash::STD_HASH_SEED`, the seed libstdc++ uses for `std::hash<std::string>`.
    public static let standardSeed: UInt64 = 0xc70f_6907

    private static let multiplier: UInt64 = 0xc6a4_a793_5bd1_e995

    public static func hash(_ text: String, seed: UInt64 = standardSeed) -> UInt64 {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0), seed: seed) }
    }

    public static func hash(_ bytes: [UInt8], seed: UInt64 = standardSeed) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }

    public static func hash(_ input: UnsafeRawBufferPointer, seed: UInt64 = standardSeed) -> UInt64 {
        let length = input.count
        let alignedLength = length & ~7
        var hash = seed ^ (UInt64(length) &* multiplier)
        var offset = 0
        while offset < alignedLength {
            let data = shiftMix(load(input, offset, count: 8) &* multiplier) &* multiplier
            hash ^= data
            hash = hash &* multiplier
            offset += 8
        }
        if length & 7 != 0 {
            hash ^= load(input, alignedLength, count: length & 7)
            hash = hash &* multiplier
        }
        hash = shiftMix(hash) &* multiplier
        return shiftMix(hash)
    }

    @inline(__always)
    private static func shiftMix(_ value: UInt64) -> UInt64 { value ^ (value >> 47) }

    /// Little-endian load of `count` (1...8) bytes, as `unaligned_load` and `load_bytes` do.
    @inline(__always)
    private static func load(_ input: UnsafeRawBufferPointer, _ offset: Int, count: Int) -> UInt64 {
        var result: UInt64 = 0
        var index = count - 1
        while index >= 0 {
            result = (result << 8) | UInt64(input[offset + index])
            index -= 1
        }
        return result
    }
}
