import Fleet
import SimKernel

/// Reads the faults that strike zones and releases.
///
/// ```yaml
/// faults:
///   - { at: 30m, zone_outage: { zone: b, duration: 10m } }     # no duration: down to the end
///   - { at: 0s, bad_image: { image: jira-v43, error_probability: 0.05, speed: 0.7 } }
/// ```
enum FleetFaultSchema {
    /// Reads a zone outage or a bad image from a fault's mapping, if it is one; false when
    /// the fault is of another kind.
    static func read(_ reader: inout MappingReader, _ what: String, at: SimTime, zones: [String], into fleets: inout FleetsConfiguration) throws(Diagnostic) -> Bool {
        if let node = reader.optional("zone_outage") {
            var r = try MappingReader(node, context: "\(what) zone_outage")
            let zone = try PlatformSchema.zoneIndex(try r.required("zone"), zones: zones, "\(what) zone")
            let duration = try r.optional("duration")?.positiveDuration("\(what) zone_outage duration")
            try r.finish()
            fleets.zoneOutages.append(ZoneOutageConfiguration(zone: zone, at: at, duration: duration))
            return true
        }
        if let node = reader.optional("bad_image") {
            var r = try MappingReader(node, context: "\(what) bad_image")
            let imageNode = try r.required("image")
            let image = try ImageSchema.image(imageNode, "\(what) bad_image", images: fleets.images)
            let errorProbability = try r.optional("error_probability")?.probability("\(what) bad_image error_probability") ?? 0
            let speed = try r.optional("speed")?.positiveNumber("\(what) bad_image speed") ?? 1
            guard errorProbability > 0 || speed != 1 else {
                throw Diagnostic.error(at: node.location, "\(what) bad_image needs an error_probability or a speed: what is bad about it")
            }
            try r.finish()
            fleets.defects.append(ReleaseDefect(image: image, at: at, errorProbability: errorProbability, speed: speed))
            return true
        }
        return false
    }
}
