/// One entry of a virtual host's ordered `routes`: the first whose `match` holds wins.
public struct Route: Sendable {
    public let name: String
    public let match: RouteMatch
    public let action: RouteAction

    public init(name: String = "", match: RouteMatch, action: RouteAction) {
        self.name = name
        self.match = match
        self.action = action
    }
}
