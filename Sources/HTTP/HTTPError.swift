/// An error a handler throws to answer with a specific status. The message is meant for the
/// client and must never contain internals; anything that is not an `HTTPError` becomes a 500.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public let status: HTTPStatus
    public let message: String
    /// Extra headers for the error response, e.g. `Allow` on a 405.
    public var headers: HTTPHeaders

    public init(_ status: HTTPStatus, message: String? = nil, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.message = message ?? status.reasonPhrase
        self.headers = headers
    }

    public var description: String { "HTTPError(\(status.code), \(message))" }
}
