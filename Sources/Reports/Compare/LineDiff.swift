/// The lines that differ between two texts, as a unified diff reads them: a longest common
/// subsequence of lines, the rest marked removed (only in A) or added (only in B), with a
/// few lines of context around each change. For scenario files, which are short.
struct LineDiff: Equatable {
    enum Kind: Equatable {
        case same
        case removed
        case added
        /// Unchanged lines left out between two changes.
        case skipped(Int)
    }

    struct Line: Equatable {
        var kind: Kind
        var text: String
    }

    /// Texts longer than this (in lines) are not diffed: the table would be quadratic.
    static let maximumLines = 4000

    let lines: [Line]

    /// Nil when either text is too long to diff.
    init?(_ a: String, _ b: String, context: Int = 2) {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard left.count <= LineDiff.maximumLines, right.count <= LineDiff.maximumLines else { return nil }
        lines = LineDiff.trim(LineDiff.align(left, right), context: context)
    }

    var hasChanges: Bool { lines.contains { $0.kind == .removed || $0.kind == .added } }

    private static func align(_ a: [String], _ b: [String]) -> [Line] {
        // common[i][j]: length of the longest common subsequence of a[i...] and b[j...].
        let width = b.count + 1
        var common = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                common[i * width + j] = a[i] == b[j]
                    ? common[(i + 1) * width + j + 1] + 1
                    : max(common[(i + 1) * width + j], common[i * width + j + 1])
            }
        }
        var lines: [Line] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                lines.append(Line(kind: .same, text: a[i]))
                i += 1
                j += 1
            } else if j < b.count, i == a.count || common[i * width + j + 1] >= common[(i + 1) * width + j] {
                lines.append(Line(kind: .added, text: b[j]))
                j += 1
            } else {
                lines.append(Line(kind: .removed, text: a[i]))
                i += 1
            }
        }
        // Removals first within a run of changes, as diffs are read.
        var ordered: [Line] = []
        var run: [Line] = []
        for line in lines + [Line(kind: .same, text: "")] {
            if line.kind == .same {
                ordered += run.filter { $0.kind == .removed } + run.filter { $0.kind == .added }
                run = []
                ordered.append(line)
            } else {
                run.append(line)
            }
        }
        ordered.removeLast()
        return ordered
    }

    /// Keeps `context` unchanged lines around each change and counts the others.
    private static func trim(_ lines: [Line], context: Int) -> [Line] {
        let changed = lines.indices.filter { lines[$0].kind != .same }
        guard !changed.isEmpty else { return [] }
        var keep = [Bool](repeating: false, count: lines.count)
        for index in changed {
            for near in max(0, index - context)...min(lines.count - 1, index + context) { keep[near] = true }
        }
        var trimmed: [Line] = []
        var skipped = 0
        for (index, line) in lines.enumerated() {
            if keep[index] {
                if skipped > 0 { trimmed.append(Line(kind: .skipped(skipped), text: "")) }
                skipped = 0
                trimmed.append(line)
            } else {
                skipped += 1
            }
        }
        if skipped > 0 { trimmed.append(Line(kind: .skipped(skipped), text: "")) }
        return trimmed
    }
}
