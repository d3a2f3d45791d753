/// Ordered key/value pairs from a query string or an urlencoded body. Repeated keys are kept in
/// the order sent, as HTML forms send them (e.g. several checked boxes).
public struct FormData: Sendable, Sequence {
    public private(set) var pairs: [(key: String, value: String)] = []

    public init() {}

    public init(_ pairs: [(String, String)]) { self.pairs = pairs.map { ($0.0, $0.1) } }

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
            pairs.append((try PercentDecoding.decode(key, plusIsSpace: true),
                          try PercentDecoding.decode(value, plusIsSpace: true)))
        }
    }

    /// The first value for `key`.
    public subscript(key: String) -> String? { pairs.first { $0.key == key }?.value }

    public func all(_ key: String) -> [String] { pairs.filter { $0.key == key }.map(\.value) }

    public var isEmpty: Bool { pairs.isEmpty }

    public mutating func append(_ key: String, _ value: String) { pairs.append((key, value)) }

    public func makeIterator() -> IndexingIterator<[(key: String, value: String)]> { pairs.makeIterator() }
}
