/// The queueing network of Schema/NetworkSchema.swift: `sources:` and `stations:`.
enum NetworkJSONSchema {
    /// A station name: a name, but not `exit`, which leaves the network.
    static let stationNamePattern = "^(?!exit$)[A-Za-z0-9_-]+$"

    static let properties: [JSONSchema.Property] = [
        .optional(
            "sources", .map(names: .string(pattern: ScalarJSONSchema.namePattern), values: .ref("source"), minProperties: 1),
            "Open arrival streams into the queueing network, by name (with 'stations')."),
        .optional(
            "stations", .map(names: .string(pattern: stationNamePattern), values: .ref("station"), minProperties: 1),
            "The queueing stations, by name (with 'sources'); 'exit' is reserved for leaving the network."),
    ]

    static let definitions: [String: JSONSchema] = [
        "source": JSONSchema.object([
            .required("interarrival", .ref("distribution"), "Time between arrivals (its mean must be above zero)."),
            .required("to", routes(exit: false), "The station arrivals join, or shares of stations that sum to 1."),
        ]).described("An open arrival stream."),
        "station": JSONSchema.object([
            .optional("servers", .integer(1...1_000_000), "Jobs served at once.", default: 1),
            .optional(
                "capacity", .integer(1...100_000_000),
                "Most jobs waiting and in service (at least 'servers'); arrivals beyond it are lost. Default: no bound."),
            .required("service", .ref("distribution"), "Service time of one job."),
            .optional(
                "to", routes(exit: true),
                "Where jobs go next: one station, 'exit', or shares that sum to 1 ({ db: 0.3, exit: 0.7 }). Default: the last stop."),
        ]).described("A multi-server FCFS queue."),
    ]

    private static func routes(exit: Bool) -> JSONSchema {
        let pattern = exit ? ScalarJSONSchema.namePattern : stationNamePattern
        return .oneOf([
            ScalarJSONSchema.name(matching: pattern),
            .map(names: .string(pattern: pattern), values: .ref("probability"), minProperties: 1),
        ])
    }
}
