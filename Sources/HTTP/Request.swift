/// One HTTP request as a handler sees it: decoded path, query, headers, body and route parameters.
public struct Request: Sendable {
    public let method: String
    /// The request-target exactly as sent, e.g. `/organisations?page=2`.
    public let target: String
    /// The percent-decoded path, e.g. `/団体/7`.
    public let path: String
    /// The decoded path split at `/`, so an encoded `%2F` stays inside its segment.
    public let pathSegments: [String]
    public let query: FormData
    public let headers: HTTPHeaders
    public let body: [UInt8]
    /// Set when the body was `multipart/form-data` on a route that accepts uploads.
    public let multipart: MultipartForm?
    public let remoteAddress: String
    public let requestID: String
    public let isHTTP11: Bool
    public internal(set) var parameters = Parameters()
    /// When the server started reading this request, in monotonic seconds.
    public let receivedAt: Double

    public init(method: String, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
                multipart: MultipartForm? = nil, remoteAddress: String = "127.0.0.1",
                requestID: String = "-", isHTTP11: Bool = true, receivedAt: Double = 0) throws(HTTPError) {
        self.method = method
        self.target = target
        let (rawPath, rawQuery) = Self.split(target)
        self.pathSegments = try PercentDecoding.pathSegments(rawPath)
        self.path = "/" + pathSegments.joined(separator: "/")
        self.query = try FormData(urlEncoded: rawQuery)
        self.headers = headers
        self.body = body
        self.multipart = multipart
        self.remoteAddress = remoteAddress
        self.requestID = requestID
        self.isHTTP11 = isHTTP11
        self.receivedAt = receivedAt
    }

    private static func split(_ target: String) -> (Substring, Substring) {
        guard let q = target.firstIndex(of: "?") else { return (target[...], "") }
        return (target[..<q], target[target.index(after: q)...])
    }

    /// Cookies from every `Cookie` header (RFC 6265 §5.4); the first of a repeated name wins.
    public var cookies: [String: String] { Cookies.parse(headers.values(for: "Cookie")) }

    /// The body as a form: urlencoded, or the text fields of a multipart upload.
    public func form() throws(HTTPError) -> FormData {
        if let multipart { return multipart.fields }
        guard let type = headers["Content-Type"], !body.isEmpty else { return FormData() }
        guard MediaType(type).isType("application/x-www-form-urlencoded") else {
            throw HTTPError(.unsupportedMediaType, message: "Expected a form submission.")
        }
        return try FormData(urlEncoded: Substring(decoding: body, as: UTF8.self))
    }
}

/// Named path parameters with typed access; a bad value is the client's fault, so 400.
public struct Parameters: Sendable {
    public private(set) var values: [String: String] = [:]

    public init(_ values: [String: String] = [:]) { self.values = values }

    public subscript(name: String) -> String? { values[name] }

    public func require<T: LosslessStringConvertible>(_ name: String, as type: T.Type = T.self) throws(HTTPError) -> T {
        guard let raw = values[name], let value = T(raw) else {
            throw HTTPError(.badRequest, message: "Invalid value for \(name).")
        }
        return value
    }
}
