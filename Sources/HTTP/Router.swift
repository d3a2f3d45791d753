/// A handler runs on a worker thread and may block (e.g. on SQLite); it never touches a socket.
public typealias Handler = @Sendable (Request) throws -> Response

/// Per-route options the event loop needs before the body arrives.
public struct RouteOptions: Sendable {
    /// Overrides `HTTPLimits.maxBodyBytes` for this route (uploads).
    public var maxBodyBytes: Int?
    /// When set, `multipart/form-data` bodies are streamed to temporary files.
    public var multipart: MultipartLimits?
    /// Asked with the request's headers before any of a large body is read (an upload): false
    /// answers 403 and closes, so a client that may not upload cannot fill the disk first.
    public var admitBody: (@Sendable (HTTPHeaders) -> Bool)?

    public init(maxBodyBytes: Int? = nil, multipart: MultipartLimits? = nil, admitBody: (@Sendable (HTTPHeaders) -> Bool)? = nil) {
        self.maxBodyBytes = maxBodyBytes
        self.multipart = multipart
        self.admitBody = admitBody
    }
}

/// One entry of the route table.
public struct Route: Sendable {
    public let method: String
    public let pattern: String
    let segments: [Segment]
    public let options: RouteOptions
    let handler: Handler

    /// Runs this route's handler, for wrappers that add behaviour around a route.
    public func call(_ request: Request) throws -> Response { try handler(request) }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        /// `*name` as the last segment takes the rest of the path (e.g. static files).
        case rest(String)
    }
}

/// Method + path pattern routing: `/organisations/:id`, `/static/*path`. Literal segments win over
/// parameters, so `/organisations/new` and `/organisations/:id` can coexist.
public struct Router: Sendable {
    public private(set) var routes: [Route] = []

    public init() {}

    public mutating func add(_ method: String, _ pattern: String, options: RouteOptions = RouteOptions(),
                             _ handler: @escaping Handler) {
        let segments = pattern.split(separator: "/").map { part -> Route.Segment in
            if part.hasPrefix(":") { return .parameter(String(part.dropFirst())) }
            if part.hasPrefix("*") { return .rest(String(part.dropFirst())) }
            return .literal(String(part))
        }
        precondition(!routes.contains { $0.method == method && $0.segments == segments },
                     "duplicate route \(method) \(pattern)")
        routes.append(Route(method: method, pattern: pattern, segments: segments, options: options, handler: handler))
        // Most specific first: more literal segments before parameters, rest patterns last.
        routes.sort { Self.specificity($0) > Self.specificity($1) }
    }

    public mutating func get(_ pattern: String, options: RouteOptions = RouteOptions(), _ handler: @escaping Handler) {
        add("GET", pattern, options: options, handler)
    }

    public mutating func post(_ pattern: String, options: RouteOptions = RouteOptions(), _ handler: @escaping Handler) {
        add("POST", pattern, options: options, handler)
    }

    public enum Match: Sendable {
        case found(Route, Parameters)
        case methodNotAllowed(allow: [String])
        case notFound
    }

    /// HEAD falls back to GET (RFC 9110 §9.3.2); the server drops the body.
    public func match(method: String, segments: [String]) -> Match {
        var allowed: [String] = []
        var headFallback: (Route, Parameters)?
        for route in routes {
            guard let params = Self.bind(route.segments, to: segments) else { continue }
            if route.method == method { return .found(route, params) }
            if method == "HEAD", route.method == "GET", headFallback == nil { headFallback = (route, params) }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        if let headFallback { return .found(headFallback.0, headFallback.1) }
        if allowed.isEmpty { return .notFound }
        if allowed.contains("GET"), !allowed.contains("HEAD") { allowed.append("HEAD") }
        allowed.append("OPTIONS")
        return .methodNotAllowed(allow: allowed)
    }

    private static func bind(_ pattern: [Route.Segment], to path: [String]) -> Parameters? {
        var values: [String: String] = [:]
        for (i, segment) in pattern.enumerated() {
            switch segment {
            case .rest(let name):
                guard i < path.count else { return nil }
                values[name] = path[i...].joined(separator: "/")
                return Parameters(values)
            case .literal(let text):
                guard i < path.count, path[i] == text else { return nil }
            case .parameter(let name):
                guard i < path.count else { return nil }
                values[name] = path[i]
            }
        }
        return pattern.count == path.count ? Parameters(values) : nil
    }

    private static func specificity(_ route: Route) -> Int {
        route.segments.reduce(0) { score, s in
            switch s {
            case .literal: score * 4 + 3
            case .parameter: score * 4 + 2
            case .rest: score * 4 + 1
            }
        } + (route.segments.contains { if case .rest = $0 { true } else { false } } ? 0 : 1 << 40)
    }
}
