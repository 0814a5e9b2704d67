/// `--grid PATH=V1,V2,...`: a swept parameter from the command line. The values are YAML
/// separated by commas outside brackets and quotes (the text is read as the flow list
/// `[V1,V2,...]`, so `--grid 'stations.web.service={ constant: 1s },{ constant: 2s }'`
/// works); diagnostics point at `--grid:N:COLUMN`, N counting the options from one.
enum GridOption {
    static func parse(_ option: String, number: Int) throws(Diagnostic) -> SweepParameter {
        let at = { (column: Int) in SourceLocation(file: "--grid", line: number, column: column) }
        guard let equals = option.firstIndex(of: "=") else {
            throw Diagnostic.error(at: at(1), "a grid is PATH=V1,V2,..., found '\(option)'")
        }
        let path = String(option[..<equals])
        let valueText = String(option[option.index(after: equals)...])
        let valueColumn = option.distance(from: option.startIndex, to: equals) + 2
        guard !valueText.allSatisfy(\.isWhitespace) else {
            throw Diagnostic.error(at: at(valueColumn), "parameter '\(path)' needs at least one value")
        }
        // The opening bracket shifts every column of the list by one.
        let shift = valueColumn - 2
        var list: YAMLNode
        do {
            list = try YAMLNode.parse("[" + valueText + "]", file: "--grid")
        } catch {
            throw Diagnostic.error(at: at(max(error.location.column + shift, valueColumn)), error.message)
        }
        list.relocate(line: number, columnOffset: shift)
        guard case .sequence(let items) = list.content else {
            throw Diagnostic.error(at: at(valueColumn), "the values of '\(path)' must be separated by commas")
        }
        return try SweepSchema.parameter(path, at: at(1), values: items, listLocation: at(valueColumn))
    }
}
