extension RequestAttributes {
    /// The first value of the query parameter `name`, as Envoy's
    /// `QueryParamsMulti::parseQueryString(path).getFirstValue(name)` reads it: everything
    /// after the first `?`, split on `&`, name and value split at the first `=` (a parameter
    /// without `=` has the empty value), nothing percent-decoded. `nil` when absent.
    public func firstQueryValue(named name: String) -> String? {
        guard let questionMark = path.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        let query = path.utf8[path.utf8.index(after: questionMark)...]
        var parameters = query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false)
        // Envoy stops at the end of the string: a trailing `&` (or a bare `?`) adds nothing.
        if parameters.last?.isEmpty == true { parameters.removeLast() }
        for parameter in parameters {
            if let equals = parameter.firstIndex(of: UInt8(ascii: "=")) {
                if parameter[..<equals].elementsEqual(name.utf8) {
                    return String(decoding: parameter[parameter.index(after: equals)...], as: UTF8.self)
                }
            } else if parameter.elementsEqual(name.utf8) {
                return ""
            }
        }
        return nil
    }
}
