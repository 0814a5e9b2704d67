import Foundation
import Reports
import Scenario
import SimKernel
import Testing

/// run.json: valid JSON that identifies the scenario text and each replication's results.
@Suite struct RunManifestTests {
    func decoded() throws -> [String: Any] {
        let manifest = RunManifest(try Fixtures.scenario(), results: Fixtures.results, wallSeconds: 2)
        let json = manifest.json()
        #expect(json.hasSuffix("}\n"))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func isValidJSONWithTheScenarioFingerprint() throws {
        let root = try decoded()
        #expect(root["tool"] as? String == "rehearse")
        #expect(root["version"] as? String == ToolInfo.version)
        let scenario = try #require(root["scenario"] as? [String: Any])
        #expect(scenario["sha256"] as? String == Fixtures.scenarioSHA256)
        #expect(scenario["name"] as? String == "tiny")
        #expect(scenario["file"] as? String == "tiny.yaml")
        #expect(scenario["variant"] as? String == "default")
        #expect((scenario["overrides"] as? [Any])?.isEmpty == true)
        #expect((root["seed"] as? NSNumber)?.intValue == 7)
        #expect(root["duration"] as? String == "1h")
        #expect(root["warmup"] as? String == "1m")
        #expect(root["sample_interval"] as? String == "10m")
        #expect(root["random_generator"] as? String == "mt19937")
        #expect((root["events"] as? NSNumber)?.intValue == 220)
        #expect((root["wall_seconds"] as? NSNumber)?.doubleValue == 2)
        #expect((root["events_per_second"] as? NSNumber)?.doubleValue == 110)
        #expect((root["warnings"] as? [Any])?.isEmpty == true)
    }

    @Test func replicationDigestsAreSixteenHexDigits() throws {
        let root = try decoded()
        let replications = try #require(root["replications"] as? [[String: Any]])
        try #require(replications.count == 2)
        var digests: [String] = []
        for (record, result) in zip(replications, Fixtures.results) {
            let digest = try #require(record["digest"] as? String)
            #expect(digest.count == 16)
            #expect(digest.allSatisfy { "0123456789abcdef".contains($0) })
            #expect(digest == ToolInfo.hex(result.digest))
            #expect((record["replication"] as? NSNumber)?.intValue == result.replication)
            #expect((record["events"] as? NSNumber)?.uint64Value == result.events)
            digests.append(digest)
        }
        #expect(digests[0] != digests[1])
    }

    @Test func decodesBackExactly() throws {
        let manifest = RunManifest(try Fixtures.scenario(), results: Fixtures.results, wallSeconds: 0)
        let back = try JSONDecoder().decode(RunManifest.self, from: Data(manifest.json().utf8))
        #expect(back.replications.map(\.seed) == [11, UInt64.max])
        #expect(back.scenario.sha256 == SHA256.hex(Fixtures.scenarioText))
        #expect(back.eventsPerSecond == 0)
        #expect(back.json() == manifest.json())
    }

    @Test func recordsOverridesAndWarnings() throws {
        let scenario = try Fixtures.scenario(overrides: ["stations.server.service=2s"])
        let manifest = RunManifest(scenario, results: Fixtures.results, wallSeconds: 1)
        #expect(manifest.scenario.overrides == ["stations.server.service=2s"])
        #expect(manifest.scenario.variant == "stations.server.service=2s")
        #expect(manifest.warnings.count == 1)
        #expect(manifest.warnings.first?.contains("warning: station 'server' is unstable") == true)
        // The fingerprint is of the file's text; overrides are recorded beside it.
        #expect(manifest.scenario.sha256 == Fixtures.scenarioSHA256)
    }

    @Test func hexPadsToSixteenDigits() {
        #expect(ToolInfo.hex(0) == "0000000000000000")
        #expect(ToolInfo.hex(0xff) == "00000000000000ff")
        #expect(ToolInfo.hex(0x0123_4567_89ab_cdef) == "0123456789abcdef")
        #expect(ToolInfo.hex(.max) == "ffffffffffffffff")
    }
}
