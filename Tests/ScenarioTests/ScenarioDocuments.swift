import Foundation
import Scenario

extension JSON {
    /// A scenario document as an editor's YAML support hands it to a JSON Schema validator,
    /// built from the tree the readers read: aliases are expanded (merge keys are rejected
    /// before this point). A quoted scalar is a string; a plain one is null or a boolean as
    /// YAML 1.2's core schema says (what editors use), and a number when `YAMLNode.number`
    /// reads it as one (`1_000` too), so numbers come through typed as the readers take them.
    init(_ node: YAMLNode) {
        switch node.content {
        case .scalar(let text, quoted: true):
            self = .string(text)
        case .scalar(let text, quoted: false):
            if node.isNull {
                self = .null
            } else if ["true", "True", "TRUE"].contains(text) {
                self = .bool(true)
            } else if ["false", "False", "FALSE"].contains(text) {
                self = .bool(false)
            } else if let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite {
                self = .number(value)
            } else {
                self = .string(text)
            }
        case .mapping(let entries):
            self = .object(Dictionary(entries.map { ($0.key, JSON($0.value)) }, uniquingKeysWith: { first, _ in first }))
        case .sequence(let items):
            self = .array(items.map(JSON.init))
        }
    }

    /// A scenario's text, with `--set` overrides applied as the loader applies them.
    init(scenario text: String, file: String = "s.yaml", overrides: [String] = []) throws {
        self.init(try Overrides.apply(overrides, to: try YAMLNode.parse(text, file: file)))
    }
}

let scenariosDirectory = packageRoot.appendingPathComponent("scenarios")

/// Every shipped scenario, found by walking `scenarios/` now, as paths relative to it, sorted.
func allShippedScenarios() -> [String] {
    guard let walk = FileManager.default.enumerator(atPath: scenariosDirectory.path) else { return [] }
    var files: [String] = []
    while let path = walk.nextObject() as? String {
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { files.append(path) }
    }
    return files.sorted()
}

func shippedScenarioText(_ relativePath: String) throws -> String {
    try String(contentsOf: scenariosDirectory.appendingPathComponent(relativePath), encoding: .utf8)
}

/// The schema exactly as `rehearse schema` prints it, read back by the test's own decoder
/// (once: decoding it takes a fifth of a second in a debug build).
let scenarioSchema = Result { try JSON(parsing: ScenarioJSONSchema.text) }

func scenarioSchemaValidator() throws -> JSONSchemaValidator {
    JSONSchemaValidator(try scenarioSchema.get())
}
