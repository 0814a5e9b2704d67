import AWSModels
import SimKernel

/// Reads the top-level `dynamodb:` tables and the calls a service makes to them and to other
/// services, directly or through the edge (`EdgeCallSchema`).
///
/// ```yaml
/// dynamodb:
///   tenants: { mode: on_demand }                 # as provisioning.table, named by its key
/// services:
///   web:
///     instances: 12
///     service_time: 25ms
///     calls:                                     # after the service time, one after another
///       - { table: tenants, operation: get_item }                  # consistency: eventual | strong
///       - { table: tenants, operation: update_item, item_size: 1KB, probability: 0.1 }
///       - { service: search, probability: 0.3 }  # another service, directly
///       - { edge_route: pages, probability: 0.2 } # a request of route 'pages' through the edge
///     sdk: standard-2026                         # each instance's client (as provisioning.sdk.dynamodb)
///     call_failure_status: 503                   # when the SDK gives up on a call
/// ```
enum ApplicationCallsSchema {
    static func tables(_ node: YAMLNode?) throws(Diagnostic) -> [DynamoDBTableConfiguration] {
        guard let node else { return [] }
        var reader = try MappingReader(node, context: "'dynamodb'")
        var tables: [DynamoDBTableConfiguration] = []
        for entry in reader.allEntries() {
            try YAMLNode.checkName(entry.key, what: "table name", at: entry.keyLocation)
            tables.append(try DynamoDBTableSchema.read(entry.value, named: entry.key))
        }
        guard !tables.isEmpty else { throw Diagnostic.error(at: node.location, "'dynamodb' names no table") }
        return tables
    }

    /// A service's `calls`, `sdk` and `call_failure_status`, and its calls through the edge by
    /// route name; nil when it makes no calls. `services` are the names of all services, `own`
    /// this one's.
    static func calls(
        _ reader: inout MappingReader, _ what: String, tables: [String], services: [String], own: String
    ) throws(Diagnostic) -> (configuration: ApplicationCallsConfiguration, edgeRoutes: [EdgeCallSchema.Named])? {
        let sdkNode = reader.optional("sdk")
        let statusNode = reader.optional("call_failure_status")
        guard let callsNode = reader.optional("calls") else {
            if let node = sdkNode ?? statusNode {
                throw Diagnostic.error(at: node.location, "\(what) makes no 'calls': its SDK settings have nothing to apply to")
            }
            return nil
        }
        guard case .sequence(let items) = callsNode.content, !items.isEmpty else {
            throw Diagnostic.error(at: callsNode.location, "\(what) calls must be a list of table and service calls")
        }
        var calls: [DownstreamCall] = []
        var edgeRoutes: [EdgeCallSchema.Named] = []
        for (index, item) in items.enumerated() {
            let callWhat = "\(what) call \(index + 1)"
            var r = try MappingReader(item, context: callWhat)
            if r.keys.contains("edge_route") {
                let named = try EdgeCallSchema.read(&r, callWhat, call: index)
                edgeRoutes.append(named)
                calls.append(.edge(named.call))
            } else {
                calls.append(try call(&r, item, callWhat, tables: tables, services: services, own: own))
            }
        }
        let policy = try sdkNode.map { (node) throws(Diagnostic) in try SDKRetrySchema.read(node, "\(what) sdk", dynamoDB: true) }
            ?? .standard2026(dynamoDB: true)
        let status = try statusNode?.integer("\(what) call_failure_status", in: 500...599) ?? 503
        return (ApplicationCallsConfiguration(calls: calls, retryPolicy: policy, failureStatus: UInt16(status)), edgeRoutes)
    }

    static let operations = ["get_item", "put_item", "update_item"]

    private static func call(
        _ r: inout MappingReader, _ node: YAMLNode, _ what: String, tables: [String], services: [String], own: String
    ) throws(Diagnostic) -> DownstreamCall {
        if let serviceNode = r.optional("service") {
            let name = try serviceNode.text("\(what) service")
            guard name != own else { throw Diagnostic.error(at: serviceNode.location, "\(what): a service does not call itself") }
            guard let service = services.firstIndex(of: name) else {
                var message = "\(what) names unknown service '\(name)'"
                if let suggestion = MappingReader.closest(to: name, among: services) { message += "; did you mean '\(suggestion)'?" }
                throw Diagnostic.error(at: serviceNode.location, message)
            }
            let probability = try r.optional("probability")?.probability("\(what) probability") ?? 1
            try r.finish()
            return .service(ServiceCall(service: service, probability: probability))
        }
        let tableNode = try r.required("table")
        let tableName = try tableNode.text("\(what) table")
        guard let table = tables.firstIndex(of: tableName) else {
            let known = tables.isEmpty ? "'dynamodb' declares no table" : "tables: \(tables.joined(separator: ", "))"
            throw Diagnostic.error(at: tableNode.location, "\(what) names unknown table '\(tableName)' (\(known))")
        }
        let operationNode = try r.required("operation")
        let operation = try operationNode.choice("\(what) operation", among: operations)
        let consistencyNode = r.optional("consistency")
        let sizeNode = r.optional("item_size")
        let probability = try r.optional("probability")?.probability("\(what) probability") ?? 1
        try r.finish()
        let tableCall: TableCall.Operation
        if operation == "get_item" {
            if let sizeNode { throw Diagnostic.error(at: sizeNode.location, "\(what): a read costs what the stored item's size does; 'item_size' is for writes") }
            let consistency = try consistencyNode?.choice("\(what) consistency", among: ["eventual", "strong"]) ?? "eventual"
            tableCall = .getItem(consistency == "strong" ? .strong : .eventual)
        } else {
            if let consistencyNode { throw Diagnostic.error(at: consistencyNode.location, "\(what): 'consistency' is for reads") }
            guard let sizeNode else { throw Diagnostic.error(at: node.location, "\(what) writes an item: give its 'item_size'") }
            let bytes = try sizeNode.itemBytes("\(what) item_size")
            tableCall = operation == "put_item" ? .putItem(itemBytes: bytes) : .updateItem(itemBytes: bytes)
        }
        return .table(TableCall(table: table, operation: tableCall, probability: probability))
    }
}

extension ApplicationCallsSchema {
    /// Services that call each other in a circle would hold a request forever: refused.
    static func checkNoCycle(_ services: [Platform.Service], at location: SourceLocation) throws(Diagnostic) {
        let callees = services.map { service in
            service.calls?.calls.compactMap { call -> Int? in if case .service(let other) = call { other.service } else { nil } } ?? []
        }
        // Depth-first search with three colours, in declaration order.
        var state = [UInt8](repeating: 0, count: services.count)
        func visit(_ index: Int, _ path: [Int]) -> [Int]? {
            state[index] = 1
            for next in callees[index] {
                if state[next] == 1 { return path + [index, next] }
                if state[next] == 0, let cycle = visit(next, path + [index]) { return cycle }
            }
            state[index] = 2
            return nil
        }
        for index in services.indices where state[index] == 0 {
            if let cycle = visit(index, []) {
                let start = cycle.firstIndex(of: cycle.last!)!
                let names = cycle[start...].map { "'\(services[$0].name)'" }.joined(separator: " -> ")
                throw Diagnostic.error(at: location, "services call each other in a circle: \(names)")
            }
        }
    }
}
