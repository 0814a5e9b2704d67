import Foundation

/// A JSON value as the validator reads it: decoded from text, so the schema is checked as
/// `rehearse schema` prints it, not as the code that builds it.
indirect enum JSON: Equatable, Sendable, Decodable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSON].self))
        }
    }

    init(parsing text: String) throws {
        self = try JSONDecoder().decode(JSON.self, from: Data(text.utf8))
    }

    subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return "\(value)"
        case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? "\(Int64(value))" : "\(value)"
        case .string(let text): return "'\(text)'"
        case .array(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let members): return "{" + members.keys.sorted().map { "\($0): \(members[$0]!)" }.joined(separator: ", ") + "}"
        }
    }
}

/// A JSON Schema (draft 2020-12) validator for the keywords rehearse's schema uses. A keyword
/// it does not know is an error, never silently ignored, so the schema cannot come to rely
/// on one these tests do not check.
final class JSONSchemaValidator {
    static let annotations: Set<String> = ["$schema", "$id", "$defs", "title", "description", "default", "examples", "$comment"]
    static let assertions: Set<String> = [
        "$ref", "type", "enum", "const", "properties", "required", "additionalProperties", "propertyNames", "patternProperties",
        "minProperties", "maxProperties", "dependentRequired", "items", "minItems", "maxItems", "uniqueItems", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "pattern", "minLength", "maxLength", "anyOf", "oneOf", "allOf",
    ]

    let root: JSON
    private var patterns: [String: Regex<AnyRegexOutput>] = [:]

    init(_ root: JSON) {
        self.root = root
    }

    /// Why `instance` fails the root schema, or the schema at `pointer`; empty when it passes.
    func errors(_ instance: JSON, against pointer: String = "#") -> [String] {
        var errors: [String] = []
        guard let schema = resolve(pointer) else { return ["unresolvable reference \(pointer)"] }
        validate(instance, schema, at: "", into: &errors)
        return errors
    }

    func isValid(_ instance: JSON, against pointer: String = "#") -> Bool {
        errors(instance, against: pointer).isEmpty
    }

    /// A JSON pointer into the root document (`#/$defs/duration`).
    func resolve(_ pointer: String) -> JSON? {
        guard pointer.hasPrefix("#") else { return nil }
        var node = root
        for token in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch node {
            case .object(let members):
                guard let next = members[key] else { return nil }
                node = next
            case .array(let items):
                guard let index = Int(key), items.indices.contains(index) else { return nil }
                node = items[index]
            default:
                return nil
            }
        }
        return node
    }

    private func validate(_ instance: JSON, _ schema: JSON, at path: String, into errors: inout [String]) {
        let place = path.isEmpty ? "/" : path
        switch schema {
        case .bool(true): return
        case .bool(false):
            errors.append("\(place): no value is allowed here")
            return
        case .object(let keywords):
            for (keyword, value) in keywords.sorted(by: { $0.key < $1.key }) {
                check(keyword, value, keywords, instance, at: path, place: place, into: &errors)
            }
        default:
            errors.append("\(place): a schema must be an object or a boolean, found \(schema)")
        }
    }

    private func check(
        _ keyword: String, _ value: JSON, _ keywords: [String: JSON], _ instance: JSON, at path: String, place: String, into errors: inout [String]
    ) {
        switch keyword {
        case _ where Self.annotations.contains(keyword):
            return
        case "$ref":
            guard case .string(let pointer) = value, let target = resolve(pointer) else {
                errors.append("\(place): unresolvable $ref \(value)")
                return
            }
            validate(instance, target, at: path, into: &errors)
        case "type":
            let types: [JSON] = if case .array(let list) = value { list } else { [value] }
            let names = types.compactMap { (type: JSON) -> String? in if case .string(let name) = type { name } else { nil } }
            if !names.contains(where: { has(instance, type: $0) }) {
                errors.append("\(place): expected \(names.joined(separator: " or ")), found \(instance)")
            }
        case "enum":
            guard case .array(let allowed) = value else { return malformed(keyword, value, place, &errors) }
            if !allowed.contains(instance) { errors.append("\(place): \(instance) is not one of \(value)") }
        case "const":
            if value != instance { errors.append("\(place): \(instance) is not \(value)") }
        case "properties":
            guard case .object(let members) = instance, case .object(let schemas) = value else { return }
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if let schema = schemas[key] { validate(member, schema, at: "\(path)/\(key)", into: &errors) }
            }
        case "patternProperties":
            guard case .object(let members) = instance, case .object(let schemas) = value else { return }
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                for (pattern, schema) in schemas.sorted(by: { $0.key < $1.key }) where matches(key, pattern) {
                    validate(member, schema, at: "\(path)/\(key)", into: &errors)
                }
            }
        case "additionalProperties":
            guard case .object(let members) = instance else { return }
            let declared = memberNames(keywords["properties"])
            let patterns = memberNames(keywords["patternProperties"])
            for (key, member) in members.sorted(by: { $0.key < $1.key })
            where !declared.contains(key) && !patterns.contains(where: { matches(key, $0) }) {
                if value == .bool(false) {
                    errors.append("\(path)/\(key): unknown key '\(key)'")
                } else {
                    validate(member, value, at: "\(path)/\(key)", into: &errors)
                }
            }
        case "propertyNames":
            guard case .object(let members) = instance else { return }
            for key in members.keys.sorted() { validate(.string(key), value, at: "\(path)/\(key) (its name)", into: &errors) }
        case "required":
            guard case .object(let members) = instance, case .array(let names) = value else { return }
            for case .string(let name) in names where members[name] == nil { errors.append("\(place): needs '\(name)'") }
        case "dependentRequired":
            guard case .object(let members) = instance, case .object(let dependencies) = value else { return }
            for (key, needed) in dependencies.sorted(by: { $0.key < $1.key }) where members[key] != nil {
                guard case .array(let names) = needed else { return malformed(keyword, value, place, &errors) }
                for case .string(let name) in names where members[name] == nil { errors.append("\(place): '\(key)' needs '\(name)'") }
            }
        case "minProperties", "maxProperties":
            guard case .object(let members) = instance, case .number(let bound) = value else { return }
            let count = Double(members.count)
            if keyword == "minProperties" ? count < bound : count > bound { errors.append("\(place): \(members.count) keys break \(keyword) \(value)") }
        case "items":
            guard case .array(let items) = instance else { return }
            for (index, item) in items.enumerated() { validate(item, value, at: "\(path)/\(index)", into: &errors) }
        case "minItems", "maxItems":
            guard case .array(let items) = instance, case .number(let bound) = value else { return }
            let count = Double(items.count)
            if keyword == "minItems" ? count < bound : count > bound { errors.append("\(place): \(items.count) items break \(keyword) \(value)") }
        case "uniqueItems":
            guard case .array(let items) = instance, value == .bool(true) else { return }
            for (index, item) in items.enumerated() where items[..<index].contains(item) {
                errors.append("\(path)/\(index): \(item) is repeated")
            }
        case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
            guard case .number(let number) = instance, case .number(let bound) = value else { return }
            let passes = switch keyword {
            case "minimum": number >= bound
            case "maximum": number <= bound
            case "exclusiveMinimum": number > bound
            default: number < bound
            }
            if !passes { errors.append("\(place): \(instance) breaks \(keyword) \(value)") }
        case "pattern":
            guard case .string(let text) = instance, case .string(let pattern) = value else { return }
            if !matches(text, pattern) { errors.append("\(place): \(instance) does not match \(pattern)") }
        case "minLength", "maxLength":
            guard case .string(let text) = instance, case .number(let bound) = value else { return }
            let count = Double(text.unicodeScalars.count)
            if keyword == "minLength" ? count < bound : count > bound { errors.append("\(place): \(instance) breaks \(keyword) \(value)") }
        case "allOf", "anyOf", "oneOf":
            guard case .array(let schemas) = value else { return malformed(keyword, value, place, &errors) }
            var failures: [[String]] = []
            for schema in schemas {
                var branch: [String] = []
                validate(instance, schema, at: path, into: &branch)
                failures.append(branch)
            }
            let passing = failures.filter(\.isEmpty).count
            switch keyword {
            case "allOf" where passing < schemas.count:
                errors += failures.flatMap { $0 }
            case "anyOf" where passing == 0:
                errors.append("\(place): matches none of anyOf: " + failures.map { $0.joined(separator: "; ") }.joined(separator: " | "))
            case "oneOf" where passing != 1:
                errors.append("\(place): matches \(passing) of oneOf, not one: " + failures.map { $0.joined(separator: "; ") }.joined(separator: " | "))
            default:
                break
            }
        default:
            errors.append("\(place): unsupported keyword '\(keyword)'")
        }
    }

    private func memberNames(_ value: JSON?) -> [String] {
        if case .object(let members)? = value { return members.keys.sorted() }
        return []
    }

    private func malformed(_ keyword: String, _ value: JSON, _ place: String, _ errors: inout [String]) {
        errors.append("\(place): malformed \(keyword) \(value)")
    }

    private func has(_ instance: JSON, type: String) -> Bool {
        switch (type, instance) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object): true
        case ("integer", .number(let value)): value == value.rounded(.towardZero)
        default: false
        }
    }

    /// ECMA-262 patterns are not anchored: a match anywhere counts.
    private func matches(_ text: String, _ pattern: String) -> Bool {
        if patterns[pattern] == nil {
            do {
                patterns[pattern] = try Regex(pattern)
            } catch {
                preconditionFailure("the schema's pattern \(pattern) does not compile: \(error)")
            }
        }
        return text.contains(patterns[pattern]!)
    }
}
