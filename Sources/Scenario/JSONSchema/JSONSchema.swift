/// One JSON Schema (draft 2020-12), as its keywords. The constructors are the shapes the
/// scenario readers accept (a mapping of known keys, a mapping of names, a value or a list of
/// them), so each section's schema reads like the reader it describes.
public struct JSONSchema: Sendable {
    public var keywords: [String: JSONValue]

    public init(_ keywords: [String: JSONValue]) {
        self.keywords = keywords
    }

    public var json: JSONValue { .object(keywords) }

    /// A key of a mapping with what it means: editors show the description on hover and
    /// offer the default when completing.
    public struct Property: Sendable {
        public var name: String
        public var schema: JSONSchema
        public var isRequired: Bool
        public var description: String
        public var defaultValue: JSONValue?

        public static func required(_ name: String, _ schema: JSONSchema, _ description: String) -> Property {
            Property(name: name, schema: schema, isRequired: true, description: description, defaultValue: nil)
        }

        public static func optional(_ name: String, _ schema: JSONSchema, _ description: String, default value: JSONValue? = nil) -> Property {
            Property(name: name, schema: schema, isRequired: false, description: description, defaultValue: value)
        }
    }
}

extension JSONSchema {
    /// A shape named in the document's `$defs`.
    public static func ref(_ name: String) -> JSONSchema {
        JSONSchema(["$ref": .string("#/$defs/\(name)")])
    }

    public static func string(pattern: String? = nil) -> JSONSchema {
        var schema = JSONSchema(["type": "string"])
        if let pattern { schema.keywords["pattern"] = .string(pattern) }
        return schema
    }

    /// One of a closed set of names (policies, modes, units).
    public static func choice(_ names: [String]) -> JSONSchema {
        JSONSchema(["enum": .array(names.map(JSONValue.string))])
    }

    public static func integer(_ range: ClosedRange<Int>) -> JSONSchema {
        JSONSchema(["type": "integer", "minimum": .integer(range.lowerBound), "maximum": .integer(range.upperBound)])
    }

    public static func integer(minimum: Int? = nil) -> JSONSchema {
        var schema = JSONSchema(["type": "integer"])
        if let minimum { schema.keywords["minimum"] = .integer(minimum) }
        return schema
    }

    public static func number(minimum: Double? = nil, exclusiveMinimum: Double? = nil, maximum: Double? = nil) -> JSONSchema {
        var schema = JSONSchema(["type": "number"])
        if let minimum { schema.keywords["minimum"] = .real(minimum) }
        if let exclusiveMinimum { schema.keywords["exclusiveMinimum"] = .real(exclusiveMinimum) }
        if let maximum { schema.keywords["maximum"] = .real(maximum) }
        return schema
    }

    public static func array(of items: JSONSchema, minItems: Int? = nil, maxItems: Int? = nil, unique: Bool = false) -> JSONSchema {
        var schema = JSONSchema(["type": "array", "items": items.json])
        if let minItems { schema.keywords["minItems"] = .integer(minItems) }
        if let maxItems { schema.keywords["maxItems"] = .integer(maxItems) }
        if unique { schema.keywords["uniqueItems"] = true }
        return schema
    }

    /// A mapping of known keys; any other key is an error, as `MappingReader.finish` makes it.
    /// An optional key may also be null: the readers take `key: ~` as a key left out.
    public static func object(_ properties: [Property]) -> JSONSchema {
        var members: [String: JSONValue] = [:]
        for property in properties {
            precondition(members[property.name] == nil, "property '\(property.name)' listed twice")
            var schema = property.isRequired ? property.schema : property.schema.nullable
            schema.keywords["description"] = .string(property.description)
            if let value = property.defaultValue { schema.keywords["default"] = value }
            members[property.name] = schema.json
        }
        var schema = JSONSchema(["type": "object", "properties": .object(members), "additionalProperties": false])
        let required = properties.filter(\.isRequired).map { JSONValue.string($0.name) }
        if !required.isEmpty { schema.keywords["required"] = .array(required) }
        return schema
    }

    /// A mapping whose keys are names chosen by the scenario (stations, services, clusters).
    public static func map(names: JSONSchema? = nil, values: JSONSchema, minProperties: Int? = nil) -> JSONSchema {
        var schema = JSONSchema(["type": "object", "additionalProperties": values.json])
        if let names { schema.keywords["propertyNames"] = names.json }
        if let minProperties { schema.keywords["minProperties"] = .integer(minProperties) }
        return schema
    }

    public static func anyOf(_ schemas: [JSONSchema]) -> JSONSchema {
        JSONSchema(["anyOf": .array(schemas.map(\.json))])
    }

    public static func oneOf(_ schemas: [JSONSchema]) -> JSONSchema {
        JSONSchema(["oneOf": .array(schemas.map(\.json))])
    }

    /// A single value or a list of them, as the readers' `list()` takes it.
    public static func oneOrMore(_ item: JSONSchema) -> JSONSchema {
        anyOf([item, array(of: item)])
    }

    public func with(_ keyword: String, _ value: JSONValue) -> JSONSchema {
        var schema = self
        schema.keywords[keyword] = value
        return schema
    }

    public func described(_ description: String) -> JSONSchema {
        with("description", .string(description))
    }

    public func examples(_ values: [JSONValue]) -> JSONSchema {
        with("examples", .array(values))
    }

    /// The mapping needs exactly one of `keys` (`prefix`, `path` or `safe_regex`).
    public func exactlyOne(of keys: [String]) -> JSONSchema {
        with("oneOf", .array(keys.map { JSONValue.object(["required": [.string($0)]]) }))
    }

    /// This schema, or null.
    public var nullable: JSONSchema {
        let composite = ["$ref", "anyOf", "oneOf", "const"].contains { keywords[$0] != nil }
        if !composite, case .array(let names)? = keywords["enum"], keywords["type"] == nil {
            return with("enum", .array(names + [.null]))
        }
        if !composite, keywords["enum"] == nil, let type = keywords["type"] {
            switch type {
            case .string: return with("type", [type, "null"])
            case .array(let types): return with("type", .array(types + ["null"]))
            default: break
            }
        }
        return JSONSchema.anyOf([self, JSONSchema(["type": "null"])])
    }
}
