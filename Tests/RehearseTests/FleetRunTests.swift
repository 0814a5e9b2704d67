import Foundation
import Testing

/// The shipped fleet scenarios through the command line, shortened: they validate, a run
/// reports the fleets' metrics, and the output does not depend on the number of threads.
@Suite struct FleetRunTests {
    static let scenarios: [(file: String, overrides: [String])] = [
        (
            "scenarios/tradeoffs/immutable-vs-in-place.yaml",
            [
                "duration=40m", "traffic.rate=15", "images.web-v2.bake_at=1m", "images.web-v3.bake_at=2m", "deployments.0.at=2m",
                "deployments.1.at=3m", "deployments.1.strategy=in_place", "fleets.web.desired_capacity=4",
            ]
        ),
        ("scenarios/zone-outage.yaml", ["duration=20m", "traffic.rate=60", "faults.0.at=3m", "faults.0.zone_outage.duration=8m"]),
    ]

    @Test(arguments: scenarios.map(\.file))
    func shippedScenarioValidates(_ scenario: String) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let outcome = try CLI.run(["validate", Workspace.packageRoot.appendingPathComponent(scenario).path], in: workspace.url)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.isEmpty)
    }

    func run(_ scenario: (file: String, overrides: [String]), _ workspace: Workspace, _ directory: String, jobs: String) throws {
        var arguments = ["run", Workspace.packageRoot.appendingPathComponent(scenario.file).path]
        for override in scenario.overrides { arguments += ["--set", override] }
        arguments += ["--set", "sample_interval=1m", "--replications", "2", "--jobs", jobs, "--quiet", "--out", workspace.path(directory)]
        let outcome = try CLI.run(arguments, in: workspace.url)
        try #require(outcome.status == 0, "stderr: \(outcome.stderr)")
    }

    @Test(arguments: [0, 1])
    func fleetRunsAreByteIdenticalWhateverTheThreads(_ index: Int) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try run(Self.scenarios[index], workspace, "one", jobs: "1")
        try run(Self.scenarios[index], workspace, "two", jobs: "2")
        for file in DeterminismTests.csvFiles {
            #expect(try workspace.data("one/\(file)") == workspace.data("two/\(file)"), "\(file) differs")
        }
        let summary = try workspace.text("one/summary.csv")
        for metric in [
            "fleet.web,instances_mean,count", "fleet.web,in_service_min,count", "fleet.web,desired_capacity_mean,count",
            "fleet.web,deployments_failed,count", "fleet.web,drifted_instances_end,count",
            "fleet.web,instance_hours,h", "fleet.web,cost,usd", "fleets,cost,usd", "salt,highstates,count",
        ] {
            #expect(summary.contains(",\(metric),2,"), "\(metric) missing")
        }
        let series = try workspace.text("one/timeseries.csv")
        #expect(series.contains(",fleet.web,instances_in_service,count,"))
        #expect(series.contains(",fleet.web,desired_capacity,count,"))
        if index == 0 {
            #expect(summary.contains(",fleet.web,deployment_duration_mean,s,2,"))
            #expect(summary.contains(",fleet.web,patches,count,2,4,"), "the second release patched the four instances in place")
        } else {
            #expect(summary.contains(",fleet.web,replacements,count,2,4,"), "the zone's four instances replaced in both replications")
        }
    }
}
