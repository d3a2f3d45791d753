/// Ordered key/value pairs from a query string or an urlencoded body. Repeated keys are kept in
/// the order sent, as HTML forms send them (e.g. several checked boxes).
public struct FormData: Sendable, Sequence {
    public private(set) var pairs: [(key: String, value: String)] = []
    /// Positions of each key's values, so a lookup costs the same for the 1st field and the 10,000th
    /// (a linear scan per field made forms with many rows quadratic).
    private var positions: [String: [Int]] = [:]

    public init() {}

    public init(_ pairs: [(String, String)]) { for (k, v) in pairs { append(k, v) } }

    /// Parses `application/x-www-form-urlencoded` (WHATWG URL §5.1): `+` is a space.
    public init(urlEncoded text: Substring) throws(HTTPError) {
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            let key: Substring, value: Substring
            if let eq = piece.firstIndex(of: "=") {
                key = piece[..<eq]
                value = piece[piece.index(after: eq)...]
            } else {
                key = piece
                value = ""
            }
            append(try PercentDecoding.decode(key, plusIsSpace: true), try PercentDecoding.decode(value, plusIsSpace: true))
        }
    }

    /// The first value for `key`.
    public subscript(key: String) -> String? { positions[key]?.first.map { pairs[$0].value } }

    public func all(_ key: String) -> [String] { (positions[key] ?? []).map { pairs[$0].value } }

    /// How many values were sent under `key`.
    public func count(_ key: String) -> Int { positions[key]?.count ?? 0 }

    public var isEmpty: Bool { pairs.isEmpty }

    public mutating func append(_ key: String, _ value: String) {
        positions[key, default: []].append(pairs.count)
        pairs.append((key, value))
    }

    public func makeIterator() -> IndexingIterator<[(key: String, value: String)]> { pairs.makeIterator() }
}
