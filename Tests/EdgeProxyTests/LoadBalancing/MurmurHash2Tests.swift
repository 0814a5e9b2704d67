import EdgeProxy
import Testing

/// `Hash.murmurHash2` (test/common/common/hash_test.cc), envoy-vectors.md §1.1.
@Suite struct MurmurHash2Tests {
    @Test(arguments: [
        ("foo", UInt64(9_631_199_822_919_835_226)),
        ("bar", 11_474_628_671_133_349_555),
        ("foo\nbar", 16_306_510_975_912_980_159),
        ("lyft", 12_847_078_931_730_529_320),
        ("", 6_142_509_188_972_423_790),
    ])
    func envoyVectors(input: String, expected: UInt64) {
        #expect(MurmurHash2.hash(input, seed: 0xc70f_6907) == expected)
        #expect(MurmurHash2.hash(Array(input.utf8)) == expected)
    }

}
