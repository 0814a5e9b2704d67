/// The faults Schema/FleetFaultSchema.swift reads: a zone's outage and a bad image.
enum FleetFaultJSONSchema {
    static let definitions: [String: JSONSchema] = [
        "zoneOutage": JSONSchema.object([
            .required("zone", .ref("text"), "The zone (from 'zones')."),
            .optional("duration", .ref("positiveDuration"), "How long it is down. Default: to the end of the run."),
        ]).described("Every instance in the zone crashes; fleets launch elsewhere, and rebalance when it returns."),
        "badImage": JSONSchema.object([
            .required("image", .ref("text"), "The image (from 'images') whose release is bad."),
            .optional("error_probability", .ref("probability"), "Added failure probability of the calls its instances serve.", default: 0),
            .optional("speed", .number(exclusiveMinimum: 0), "Their speed: service times are divided by it (0.5: twice as long).", default: 1),
        ]).with("anyOf", [
            ["required": ["error_probability"], "properties": ["error_probability": ["exclusiveMinimum": 0]]],
            ["required": ["speed"], "properties": ["speed": ["anyOf": [["exclusiveMaximum": 1], ["exclusiveMinimum": 1]]]]],
        ]).described("A bad build: from the fault's time, instances running the release serve worse until replaced."),
    ]
}
