/// PostgreSQL's text form of a one-dimensional array, bound as one parameter and cast by the query
/// (`CAST(? AS TEXT[])`): one value to parse and bind, however many elements it holds.
enum PostgresArrayLiteral {
    /// `{"a","b"}`: every element quoted and `"` and `\` escaped, so that no text (a comma, a brace,
    /// a space, the word NULL, nothing at all) is read as anything but itself.
    static func text(_ values: [String]) -> String {
        var literal = "{"
        literal.reserveCapacity(values.reduce(2) { $0 + $1.utf8.count + 3 })
        for (index, value) in values.enumerated() {
            if index > 0 { literal += "," }
            literal += "\""
            for scalar in value.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { literal += "\\" }
                literal.unicodeScalars.append(scalar)
            }
            literal += "\""
        }
        return literal + "}"
    }
}
