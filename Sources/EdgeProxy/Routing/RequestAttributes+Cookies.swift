extension RequestAttributes {
    /// The value of the first cookie called `name` across the `cookie` headers, as Envoy's
    /// `Http::Utility::parseCookieValue` reads it: cookies split on `;`, leading spaces of the
    /// name skipped, the value taken verbatim after the first `=` (surrounding double quotes
    /// removed), entries without `=` ignored. `nil` when there is no such cookie; Envoy treats
    /// an empty value like an absent cookie.
    public func cookie(named name: String) -> String? {
        for header in headerValues("cookie") {
            for entry in header.utf8.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: true) {
                guard let equals = entry.firstIndex(of: UInt8(ascii: "=")) else { continue }
                let keyStart = entry.firstIndex { $0 != UInt8(ascii: " ") } ?? entry.endIndex
                let key = entry[keyStart..<max(keyStart, equals)]
                guard key.elementsEqual(name.utf8) else { continue }
                var value = entry[entry.index(after: equals)...]
                if value.count >= 2, value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\"") {
                    value = value.dropFirst().dropLast()
                }
                return String(decoding: value, as: UTF8.self)
            }
        }
        return nil
    }
}
