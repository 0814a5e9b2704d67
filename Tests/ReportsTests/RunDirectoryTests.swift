import Foundation
import Reports
import Testing

/// The run directory appears whole or not at all.
@Suite struct RunDirectoryTests {
    static let files: [(name: String, contents: String)] = [
        ("run.json", "{}\n"), ("summary.csv", "a,b\r\n1,2\r\n"), ("empty.csv", ""),
    ]

    @Test func writesAllFiles() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let destination = temp.url.appendingPathComponent("nested/run")
        try RunDirectory.write(Self.files, to: destination)
        #expect(try TemporaryDirectory.names(in: destination) == ["empty.csv", "run.json", "summary.csv"])
        for file in Self.files {
            let data = try Data(contentsOf: destination.appendingPathComponent(file.name))
            #expect(data == Data(file.contents.utf8))
        }
        #expect(try TemporaryDirectory.names(in: destination.deletingLastPathComponent()) == ["run"])
    }

    @Test func replacingLeavesOnlyTheNewFiles() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let destination = temp.url.appendingPathComponent("run")
        try RunDirectory.write([("old.csv", "old"), ("summary.csv", "old summary")], to: destination)
        try FileManager.default.createDirectory(
            at: destination.appendingPathComponent("stray"), withIntermediateDirectories: false)
        try RunDirectory.write(Self.files, to: destination)
        #expect(try TemporaryDirectory.names(in: destination) == ["empty.csv", "run.json", "summary.csv"])
        #expect(try String(contentsOf: destination.appendingPathComponent("summary.csv"), encoding: .utf8) == "a,b\r\n1,2\r\n")
        #expect(try TemporaryDirectory.names(in: temp.url) == ["run"])
    }

    /// A file that cannot be written (its directory would be a file written before it): the
    /// write throws, the previous report is untouched and no staging directory remains.
    @Test func failedWriteKeepsThePreviousDirectory() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let destination = temp.url.appendingPathComponent("run")
        try RunDirectory.write([("summary.csv", "previous")], to: destination)
        #expect(throws: (any Error).self) {
            try RunDirectory.write([("summary.csv", "new"), ("summary.csv/child.csv", "x")], to: destination)
        }
        #expect(try TemporaryDirectory.names(in: destination) == ["summary.csv"])
        #expect(try String(contentsOf: destination.appendingPathComponent("summary.csv"), encoding: .utf8) == "previous")
        #expect(try TemporaryDirectory.names(in: temp.url) == ["run"])
    }

    @Test func namesMayHoldSubdirectories() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let destination = temp.url.appendingPathComponent("compare")
        try RunDirectory.write([("compare.csv", "x"), ("a/summary.csv", "a"), ("b/summary.csv", "b")], to: destination)
        #expect(try TemporaryDirectory.names(in: destination) == ["a", "b", "compare.csv"])
        #expect(try String(contentsOf: destination.appendingPathComponent("b/summary.csv"), encoding: .utf8) == "b")
    }

    @Test func parentIsARegularFile() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let blocker = temp.url.appendingPathComponent("blocker")
        try Data("not a directory".utf8).write(to: blocker)
        #expect(throws: (any Error).self) {
            try RunDirectory.write(Self.files, to: blocker.appendingPathComponent("run"))
        }
        #expect(try Data(contentsOf: blocker) == Data("not a directory".utf8))
        #expect(try TemporaryDirectory.names(in: temp.url) == ["blocker"])
    }

    @Test func destinationIsARegularFile() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let destination = temp.url.appendingPathComponent("run")
        try Data("a file".utf8).write(to: destination)
        #expect(throws: (any Error).self) { try RunDirectory.write(Self.files, to: destination) }
        #expect(try Data(contentsOf: destination) == Data("a file".utf8))
        #expect(try TemporaryDirectory.names(in: temp.url) == ["run"])
    }

    @Test func writingTwiceIntoTheSameParentLeavesNoHiddenDirectories() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        try RunDirectory.write(Self.files, to: temp.url.appendingPathComponent("a"))
        try RunDirectory.write(Self.files, to: temp.url.appendingPathComponent("b"))
        try RunDirectory.write(Self.files, to: temp.url.appendingPathComponent("a"))
        #expect(try TemporaryDirectory.names(in: temp.url) == ["a", "b"])
    }
}
