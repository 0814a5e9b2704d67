import Foundation
import Testing

@Suite struct SchemaCommandTests {
    @Test func printsTheSchemaAsJSON() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let outcome = try CLI.run(["schema"], in: workspace.url)
        #expect(outcome.status == 0)
        #expect(outcome.stderr.isEmpty)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(document["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(document["$id"] as? String == "https://rehearse.dev/schema/scenario.json")
        let properties = try #require(document["properties"] as? [String: Any])
        #expect(properties.keys.contains("stations") && properties.keys.contains("edge"))
        #expect(try workspace.names(in: ".").isEmpty, "printing writes nothing")
    }

    /// Each run is a new process with its own dictionary ordering: the bytes must not care.
    @Test func theOutputIsByteIdenticalAcrossRuns() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let first = try CLI.run(["schema"], in: workspace.url)
        let second = try CLI.run(["schema"], in: workspace.url)
        #expect(first.status == 0 && second.status == 0)
        #expect(!first.stdout.isEmpty)
        #expect(first.stdout == second.stdout)
    }

    @Test func outWritesTheSameBytesAndReplacesAnOldFile() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let printed = try CLI.run(["schema"], in: workspace.url)
        _ = try workspace.write("rehearse.schema.json", "an older schema")
        let written = try CLI.run(["schema", "--out", "rehearse.schema.json"], in: workspace.url)
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty && written.stderr.isEmpty)
        #expect(try workspace.data("rehearse.schema.json") == Data(printed.stdout.utf8))
        #expect(try workspace.names(in: ".") == ["rehearse.schema.json"], "no temporary file is left behind")
    }

    @Test func anOutFileInAMissingDirectoryIsAnErrorAndWritesNothing() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let outcome = try CLI.run(["schema", "--out", "missing/rehearse.schema.json"], in: workspace.url)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("rehearse: error: cannot write "))
        #expect(try workspace.names(in: ".").isEmpty)
    }
}
