import Foundation

/// A Jupyter notebook in nbformat 4.5: plain JSON, written with `Codable`. Every cell carries
/// an `id` (required since 4.5); code cells carry `outputs` and `execution_count` (null until
/// run).
public struct Notebook: Codable, Sendable, Equatable {
    public var cells: [NotebookCell]
    public var metadata: [String: JSONValue]
    public var nbformat: Int
    public var nbformatMinor: Int

    public init(cells: [NotebookCell], metadata: [String: JSONValue], nbformat: Int = 4, nbformatMinor: Int = 5) {
        self.cells = cells
        self.metadata = metadata
        self.nbformat = nbformat
        self.nbformatMinor = nbformatMinor
    }

    enum CodingKeys: String, CodingKey {
        case cells, metadata, nbformat
        case nbformatMinor = "nbformat_minor"
    }

    /// The notebook as JSON text: keys sorted, two-space indentation, a final newline, so
    /// equal notebooks are equal bytes.
    public func json() -> String {
        StableJSON.text(self)
    }

    public static func decode(_ json: String) throws -> Notebook {
        try JSONDecoder().decode(Notebook.self, from: Data(json.utf8))
    }
}

public struct NotebookCell: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case markdown, code, raw
    }

    public var id: String
    public var cellType: Kind
    public var metadata: [String: JSONValue]
    /// The text as lines, each but the last ending with "\n" (Jupyter's own layout).
    public var source: [String]
    /// Code cells only.
    public var outputs: [JSONValue]?
    public var executionCount: Int?

    public init(id: String, kind: Kind, text: String) {
        self.id = id
        cellType = kind
        metadata = [:]
        source = NotebookCell.lines(text)
        outputs = kind == .code ? [] : nil
        executionCount = nil
    }

    /// The cell's text in one string.
    public var text: String { source.joined() }

    static func lines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        let parts = text.components(separatedBy: "\n")
        return parts.enumerated().compactMap { index, line in
            if index == parts.count - 1 { return line.isEmpty ? nil : line }
            return line + "\n"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, metadata, source, outputs
        case cellType = "cell_type"
        case executionCount = "execution_count"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        cellType = try container.decode(Kind.self, forKey: .cellType)
        metadata = try container.decodeIfPresent([String: JSONValue].self, forKey: .metadata) ?? [:]
        // nbformat allows the source as one string or as a list of lines.
        if let text = try? container.decode(String.self, forKey: .source) {
            source = NotebookCell.lines(text)
        } else {
            source = try container.decode([String].self, forKey: .source)
        }
        outputs = try container.decodeIfPresent([JSONValue].self, forKey: .outputs)
        executionCount = try container.decodeIfPresent(Int.self, forKey: .executionCount)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(cellType, forKey: .cellType)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(source, forKey: .source)
        if cellType == .code {
            try container.encode(outputs ?? [], forKey: .outputs)
            if let executionCount {
                try container.encode(executionCount, forKey: .executionCount)
            } else {
                try container.encodeNil(forKey: .executionCount)
            }
        }
    }
}

/// Any JSON value, for notebook metadata and outputs.
public enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
