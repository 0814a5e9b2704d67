import Testing

/// The test suite's validator, keyword by keyword: each case is a schema, an instance and
/// whether the instance passes, so the validator can be trusted when it passes a scenario.
@Suite struct JSONSchemaValidatorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var schema: String
        var instance: String
        var valid: Bool
        var testDescription: String { "\(schema) \(valid ? "accepts" : "rejects") \(instance)" }
    }

    static func accepts(_ schema: String, _ instances: String...) -> [Case] {
        instances.map { Case(schema: schema, instance: $0, valid: true) }
    }

    static func rejects(_ schema: String, _ instances: String...) -> [Case] {
        instances.map { Case(schema: schema, instance: $0, valid: false) }
    }

    static let cases: [Case] = [
        accepts(#"{"type": "string"}"#, #""a""#),
        rejects(#"{"type": "string"}"#, "1", "null", "true", "[]", "{}"),
        accepts(#"{"type": "integer"}"#, "3", "-2", "4.0"),
        rejects(#"{"type": "integer"}"#, "3.5", #""3""#),
        accepts(#"{"type": "number"}"#, "3.5", "0"),
        accepts(#"{"type": ["boolean", "null"]}"#, "true", "false", "null"),
        rejects(#"{"type": ["boolean", "null"]}"#, "0", #""true""#),
        accepts(#"{"type": "object"}"#, #"{"a": 1}"#),
        rejects(#"{"type": "array"}"#, #"{"a": 1}"#),
        accepts(#"{"enum": ["a", 1, null]}"#, #""a""#, "1", "null"),
        rejects(#"{"enum": ["a", 1, null]}"#, #""b""#, "2", #""1""#),
        accepts(#"{"const": "edge_only"}"#, #""edge_only""#),
        rejects(#"{"const": "edge_only"}"#, #""sidecar""#),
        accepts(#"{"properties": {"a": {"type": "integer"}}}"#, #"{"a": 1}"#, #"{"b": "x"}"#, "7"),
        rejects(#"{"properties": {"a": {"type": "integer"}}}"#, #"{"a": "1"}"#),
        accepts(#"{"required": ["a", "b"]}"#, #"{"a": 1, "b": null}"#, "[]"),
        rejects(#"{"required": ["a", "b"]}"#, #"{"a": 1}"#),
        accepts(#"{"properties": {"a": {}}, "additionalProperties": false}"#, #"{"a": 1}"#, "{}"),
        rejects(#"{"properties": {"a": {}}, "additionalProperties": false}"#, #"{"a": 1, "b": 2}"#),
        accepts(#"{"additionalProperties": {"type": "number"}}"#, #"{"x": 1, "y": 2.5}"#),
        rejects(#"{"additionalProperties": {"type": "number"}}"#, #"{"x": "1"}"#),
        accepts(#"{"patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": false}"#, #"{"x-a": "v"}"#),
        rejects(#"{"patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": false}"#, #"{"x-a": 1}"#, #"{"y": "v"}"#),
        accepts(#"{"propertyNames": {"pattern": "^[a-z]+$"}}"#, #"{"web": 1}"#),
        rejects(#"{"propertyNames": {"pattern": "^[a-z]+$"}}"#, #"{"web.1": 1}"#),
        accepts(#"{"minProperties": 1, "maxProperties": 2}"#, #"{"a": 1}"#, #"{"a": 1, "b": 2}"#),
        rejects(#"{"minProperties": 1, "maxProperties": 2}"#, "{}", #"{"a": 1, "b": 2, "c": 3}"#),
        accepts(#"{"dependentRequired": {"edge": ["traffic"]}}"#, #"{"edge": 1, "traffic": 2}"#, #"{"traffic": 2}"#, "{}"),
        rejects(#"{"dependentRequired": {"edge": ["traffic"]}}"#, #"{"edge": 1}"#),
        accepts(#"{"items": {"type": "integer"}, "minItems": 1, "maxItems": 2}"#, "[1]", "[1, 2]"),
        rejects(#"{"items": {"type": "integer"}, "minItems": 1, "maxItems": 2}"#, "[]", "[1, 2, 3]", #"["1"]"#),
        accepts(#"{"uniqueItems": true}"#, #"["a", "b"]"#, "[1, 1.5]"),
        rejects(#"{"uniqueItems": true}"#, #"["a", "b", "a"]"#, "[1, 1.0]"),
        accepts(#"{"minimum": 0, "maximum": 1}"#, "0", "1", "0.5", #""ignored for strings""#),
        rejects(#"{"minimum": 0, "maximum": 1}"#, "-0.1", "1.01"),
        accepts(#"{"exclusiveMinimum": 0, "exclusiveMaximum": 10}"#, "0.001", "9.9"),
        rejects(#"{"exclusiveMinimum": 0, "exclusiveMaximum": 10}"#, "0", "10"),
        accepts(#"{"pattern": "[1-9]"}"#, #""10s""#, "0"),
        rejects(#"{"pattern": "[1-9]"}"#, #""0s""#),
        accepts(#"{"pattern": "^(?!exit$)[a-z]+$"}"#, #""exits""#, #""web""#),
        rejects(#"{"pattern": "^(?!exit$)[a-z]+$"}"#, #""exit""#),
        accepts(#"{"minLength": 1, "maxLength": 2}"#, #""µ""#, #""ab""#),
        rejects(#"{"minLength": 1, "maxLength": 2}"#, #""""#, #""abc""#),
        accepts(#"{"anyOf": [{"type": "string"}, {"minimum": 5}]}"#, #""a""#, "7"),
        rejects(#"{"anyOf": [{"type": "string"}, {"minimum": 5}]}"#, "3"),
        accepts(#"{"oneOf": [{"required": ["a"]}, {"required": ["b"]}]}"#, #"{"a": 1}"#, #"{"b": 1}"#),
        rejects(#"{"oneOf": [{"required": ["a"]}, {"required": ["b"]}]}"#, #"{"a": 1, "b": 1}"#, "{}"),
        accepts(#"{"allOf": [{"type": "integer"}, {"minimum": 2}]}"#, "2"),
        rejects(#"{"allOf": [{"type": "integer"}, {"minimum": 2}]}"#, "1", "2.5"),
        accepts(##"{"$defs": {"d": {"type": "string"}}, "$ref": "#/$defs/d"}"##, #""a""#),
        rejects(##"{"$defs": {"d": {"type": "string"}}, "$ref": "#/$defs/d"}"##, "1"),
        rejects(##"{"$defs": {"d": {"type": "string"}}, "$ref": "#/$defs/d", "pattern": "[1-9]"}"##, #""a""#),
        accepts(##"{"$defs": {"a/b": {"const": 1}}, "$ref": "#/$defs/a~1b"}"##, "1"),
        accepts("true", "1", "null"),
        rejects("false", "1", "null"),
        accepts(#"{"description": "annotations", "default": 1, "examples": [2], "title": "t", "$comment": "c"}"#, #""anything""#),
        rejects(##"{"$ref": "#/$defs/missing"}"##, "1"),
    ].flatMap { $0 }

    @Test(arguments: cases)
    func keyword(_ test: Case) throws {
        let validator = JSONSchemaValidator(try JSON(parsing: test.schema))
        let errors = validator.errors(try JSON(parsing: test.instance))
        #expect(errors.isEmpty == test.valid, "\(errors)")
    }

    @Test func anUnsupportedKeywordIsAnErrorNotAPass() throws {
        let validator = JSONSchemaValidator(try JSON(parsing: #"{"unevaluatedProperties": false}"#))
        #expect(validator.errors(try JSON(parsing: "{}")) == ["/: unsupported keyword 'unevaluatedProperties'"])
    }

    @Test func errorsNameThePlace() throws {
        let validator = JSONSchemaValidator(try JSON(parsing: #"""
            {"properties": {"stations": {"additionalProperties": {"properties": {"servers": {"type": "integer"}}, "additionalProperties": false}}}}
            """#))
        let errors = validator.errors(try JSON(parsing: #"{"stations": {"web": {"servers": "two", "sevice": 1}}}"#))
        #expect(errors == ["/stations/web/sevice: unknown key 'sevice'", "/stations/web/servers: expected integer, found 'two'"])
    }

    @Test func aSubschemaIsReachedByItsPointer() throws {
        let validator = JSONSchemaValidator(try JSON(parsing: #"{"$defs": {"n": {"type": "number"}}, "type": "string"}"#))
        #expect(validator.isValid(try JSON(parsing: "1"), against: "#/$defs/n"))
        #expect(!validator.isValid(try JSON(parsing: "1")))
        #expect(validator.errors(try JSON(parsing: "1"), against: "#/$defs/none") == ["unresolvable reference #/$defs/none"])
    }
}
