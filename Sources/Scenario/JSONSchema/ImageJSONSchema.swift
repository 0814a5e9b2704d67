import Fleet

/// `images:` and `packer:` as Schema/ImageSchema.swift reads them.
enum ImageJSONSchema {
    static let properties: [JSONSchema.Property] = [
        .optional(
            "images", .map(names: .string(pattern: ScalarJSONSchema.namePattern), values: .ref("image"), minProperties: 1),
            "Versioned machine images, by name; each is also the release of the software on it (needs 'fleets')."),
        .optional("packer", .ref("packer"), "The Packer pipeline that bakes images during the run (needs 'fleets')."),
    ]

    private static let packer = PackerConfiguration()

    static let definitions: [String: JSONSchema] = [
        "image": JSONSchema.object([
            .optional("bake_at", .ref("duration"), "When Packer starts baking it (before the run ends). Default: baked before the run."),
        ]).nullable.described("An image: {} (or nothing) when it exists before the run."),
        "packer": JSONSchema.object([
            .optional("builders", .integer(1...1_000), "Bakes at once; more wait for a builder.", default: .integer(packer.builders)),
            .optional(
                "provision", .ref("distribution"), "The temporary instance's launch and provisioners.",
                default: ScalarJSONSchema.duration(packer.provision)),
            .optional(
                "snapshot", .ref("distribution"), "Stopping, snapshotting and registering the AMI.", default: ScalarJSONSchema.duration(packer.snapshot)),
            .optional(
                "failure_probability", .ref("probability"), "Probability that a bake attempt fails at its end.",
                default: .real(packer.failureProbability)),
            .optional("retries", .integer(0...100), "Attempts after the first before the image counts as failed.", default: .integer(packer.retries)),
        ]).described("Packer amazon-ebs bakes (spec section 4.1; the defaults are assumptions)."),
    ]
}
