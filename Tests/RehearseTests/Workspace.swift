import Foundation

/// A fresh temporary directory for one test, and the paths of the shipped scenarios.
struct Workspace {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehearse-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    func names(in name: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(name)).sorted()
    }

    func data(_ name: String) throws -> Data { try Data(contentsOf: url.appendingPathComponent(name)) }

    func text(_ name: String) throws -> String { try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8) }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let mm1 = packageRoot.appendingPathComponent("scenarios/validation/mm1.yaml").path

    /// A short run of mm1 (2 h, 3 replications) into `out`.
    static func shortRun(_ out: String, _ extra: [String] = []) -> [String] {
        ["run", mm1, "--set", "duration=2h", "--set", "warmup=5m", "--replications", "3", "--quiet", "--out", out] + extra
    }

    static let shortVariant = "duration=2h;warmup=5m"
    static let reportFiles = ["replications.csv", "report.html", "run.json", "summary.csv", "timeseries.csv"]
}
