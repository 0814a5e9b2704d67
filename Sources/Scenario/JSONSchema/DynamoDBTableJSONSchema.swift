import AWSModels

/// `provisioning.table` and the tables of `dynamodb:` as Schema/DynamoDBTableSchema.swift
/// reads them, with the defaults of the AWSModels DynamoDB parameter types.
enum DynamoDBTableJSONSchema {
    /// `YAMLNode.bytes`: a decimal number (digits, an optional point and exponent) and a
    /// binary unit, spaces allowed before the number and before the unit.
    static let byteSizePattern = #"^[ \t]*\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?[ \t]*(B|KB|MB|GB|TB)$"#

    /// Read and write units of which at least one is above zero: what the readers ask of a
    /// provisioned table, its index and a capacity cut.
    static let someCapacity: JSONValue = [
        ["properties": ["read_units": ["exclusiveMinimum": 0]]],
        ["properties": ["write_units": ["exclusiveMinimum": 0]]],
    ]

    private static let partitionDefaults = DynamoDBPartitionParameters()
    private static let onDemandDefaults = DynamoDBOnDemandParameters()
    private static let latencyDefaults = DynamoDBLatencyParameters()

    /// A table: `provisioning.table` has its name and item size inside; a table of the
    /// top-level `dynamodb:` section is named by its key and its callers give item sizes.
    private static func table(named: Bool) -> JSONSchema {
        let naming: [JSONSchema.Property] = named ? [] : [
            .optional("name", .ref("name"), "The table's name: its metrics appear under dynamodb.<name>.", default: "tenants"),
            .optional("item_size", .ref("byteSize"), "The tenant record's size, which sets what each write costs: 1B to 400KB.", default: "2KB"),
        ]
        return JSONSchema.object(naming + [
            .required("mode", .ref("tableMode"), "How the table is billed and limited."),
            .optional("size", .ref("byteSize"), "Stored data, for the partition count: one partition per 10 GB.", default: "0B"),
            .optional(
                "status_index",
                .object([
                    .optional("name", .ref("name"), "The index's name.", default: "by-status"),
                    .optional("read_units", .number(minimum: 0), "The index's read capacity units per second (provisioned tables only, and needed there)."),
                    .optional("write_units", .number(minimum: 0), "The index's write capacity units per second (provisioned tables only, and needed there)."),
                ]),
                "A global secondary index keyed by the record's status: each status is one hot key, and its writes can throttle the table's."),
            .optional("partitions", .ref("tablePartitions"), "Partitions, burst capacity, adaptive capacity and split-for-heat."),
            .optional("on_demand", .ref("tableOnDemand"), "On-demand scaling (on-demand tables only)."),
            .optional("latency", .ref("tableLatency"), "Round-trip times of the API calls."),
        ]).with("anyOf", [
            [
                "properties": [
                    "mode": ["const": "on_demand"],
                    "status_index": ["properties": ["read_units": false, "write_units": false]],
                ],
            ],
            [
                "properties": [
                    "mode": ["type": "object"],
                    "on_demand": ["type": "null"],
                    "status_index": [
                        "anyOf": [
                            ["type": "null"],
                            [
                                "required": ["read_units", "write_units"],
                                "properties": ["read_units": ["type": "number"], "write_units": ["type": "number"]],
                                "anyOf": someCapacity,
                            ],
                        ],
                    ],
                ],
            ],
        ]).described("A DynamoDB table: on demand, or with provisioned capacity (then its status index has capacity of its own).")
    }

    static let definitions: [String: JSONSchema] = [
        "dynamoDBTable": table(named: false),
        "namedDynamoDBTable": table(named: true),
        "tableMode": JSONSchema.oneOf([
            JSONSchema.choice(["on_demand"]).described("on_demand: serves up to twice the previous peak at once and grows behind it."),
            JSONSchema.object([
                .required(
                    "provisioned",
                    JSONSchema.object([
                        .required("read_units", .number(minimum: 0), "Read capacity units per second."),
                        .required("write_units", .number(minimum: 0), "Write capacity units per second."),
                    ]).with("anyOf", someCapacity),
                    "Provisioned capacity; at least one of the two above zero."),
            ]),
        ]).described("on_demand, or { provisioned: { read_units: 400, write_units: 200 } }.")
            .examples(["on_demand", ["provisioned": ["read_units": 400, "write_units": 200]]]),
        "byteSize": JSONSchema.string(pattern: byteSizePattern)
            .described("A size with its unit, binary as DynamoDB counts (1 KB = 1,024 bytes): B, KB, MB, GB, TB.")
            .examples(["1500B", "2KB", "10GB"]),
        "tablePartitions": JSONSchema.object([
            .optional(
                "burst_initially_full", .ref("boolean"),
                "Whether each partition's burst bank (\(Int(partitionDefaults.burstSeconds)) s of unused capacity) starts full, "
                    + "as for a table that ran below its rate before.",
                default: .bool(partitionDefaults.burstInitiallyFull)),
            .optional(
                "adaptive_capacity", .ref("boolean"), "Provisioned tables: a partition out of its share borrows unused table capacity.",
                default: .bool(partitionDefaults.adaptiveCapacity)),
            .optional("split_for_heat", .ref("boolean"), "Whether hot partitions split.", default: .bool(partitionDefaults.splitForHeat)),
            .optional(
                "split_after", .ref("duration"), "How long a partition runs hot before it splits.",
                default: ScalarJSONSchema.duration(partitionDefaults.splitAfter)),
            .optional(
                "split_threshold", .number(exclusiveMinimum: 0, maximum: 1), "The share of its ceiling at which a partition runs hot.",
                default: .real(partitionDefaults.splitThreshold)),
        ]).described("How the table's partitions share, bank and split capacity."),
        "tableOnDemand": JSONSchema.object([
            .optional(
                "initial_read_units", .number(exclusiveMinimum: 0), "Read units a new table serves at once.",
                default: .real(onDemandDefaults.initialReadUnits)),
            .optional(
                "initial_write_units", .number(exclusiveMinimum: 0), "Write units a new table serves at once.",
                default: .real(onDemandDefaults.initialWriteUnits)),
            .optional("max_read_units", .number(exclusiveMinimum: 0), "The table's maximum on-demand read throughput. Default: none."),
            .optional("max_write_units", .number(exclusiveMinimum: 0), "The table's maximum on-demand write throughput. Default: none."),
        ]).described("On-demand scaling: the capacity a new table starts with and the table's own maximums."),
        "tableLatency": JSONSchema.object([
            .optional(
                "read", .ref("distribution"), "GetItem, eventually or strongly consistent.", default: ScalarJSONSchema.duration(latencyDefaults.getItem)),
            .optional("write", .ref("distribution"), "PutItem, UpdateItem, DeleteItem.", default: ScalarJSONSchema.duration(latencyDefaults.write)),
            .optional(
                "throttled", .ref("distribution"), "The answer to a throttled request.", default: ScalarJSONSchema.duration(latencyDefaults.throttled)),
        ]).described("Round-trip times of the table's API calls (assumptions)."),
    ]
}
