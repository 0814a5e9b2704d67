@testable import Reports
import Testing

@Suite struct LineDiffTests {
    @Test func marksRemovalsBeforeAdditionsWithContext() throws {
        let a = "name: x\nseed: 1\nlb: round_robin\nrate: 10\na\nb\nc\nd\ne\nf\nlast: 1"
        let b = "name: x\nseed: 1\nlb: least_request\nrate: 10\na\nb\nc\nd\ne\nf\nlast: 2"
        let diff = try #require(LineDiff(a, b, context: 1))
        #expect(diff.hasChanges)
        #expect(diff.lines == [
            .init(kind: .skipped(1), text: ""),
            .init(kind: .same, text: "seed: 1"),
            .init(kind: .removed, text: "lb: round_robin"),
            .init(kind: .added, text: "lb: least_request"),
            .init(kind: .same, text: "rate: 10"),
            .init(kind: .skipped(5), text: ""),
            .init(kind: .same, text: "f"),
            .init(kind: .removed, text: "last: 1"),
            .init(kind: .added, text: "last: 2"),
        ])
    }

    @Test func equalTextsHaveNoLines() throws {
        let diff = try #require(LineDiff("a\nb", "a\nb"))
        #expect(!diff.hasChanges && diff.lines.isEmpty)
    }

    /// Whatever the texts, keeping the unchanged and removed lines gives A back, and the
    /// unchanged and added lines give B.
    @Test func reconstructsBothSides() throws {
        let a = "1\n2\n3\n4\n5\n6\n7"
        let b = "0\n2\n3\nx\n5\n7\n8"
        let diff = try #require(LineDiff(a, b, context: 100))
        #expect(diff.lines.filter { $0.kind != .added }.map(\.text).joined(separator: "\n") == a)
        #expect(diff.lines.filter { $0.kind != .removed }.map(\.text).joined(separator: "\n") == b)
    }

    @Test func refusesTextsTooLongToDiff() {
        let long = String(repeating: "x\n", count: LineDiff.maximumLines + 1)
        #expect(LineDiff(long, "x") == nil)
    }
}
