import Foundation

/// The JSON files rehearse writes (run.json, sweep.json, compare's manifest, notebooks): keys
/// sorted, indented, slashes as they are, a final newline, so that equal values are equal bytes.
enum StableJSON {
    static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try! encoder.encode(value)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
