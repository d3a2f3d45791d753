/// Wraps every request, e.g. sessions, locale, CSRF, security headers. Runs on a worker thread.
public protocol Middleware: Sendable {
    func respond(to request: Request, next: (Request) throws -> Response) throws -> Response
}

/// Renders an error page. The app replaces the default with its templated, localised pages.
public typealias ErrorRenderer = @Sendable (Request, HTTPError) -> Response

/// The one place where errors become responses: an `HTTPError` keeps its status and message;
/// anything else is a 500 whose detail goes to the log under the request id and never to the client.
public struct Responder: Sendable {
    public var router: Router
    public var middleware: [any Middleware] = []
    public var renderError: ErrorRenderer = Responder.defaultErrorPage
    public var logError: @Sendable (String) -> Void = { Log.error($0) }

    public init(router: Router) { self.router = router }

    func respond(to request: Request, match: Router.Match) -> Response {
        let endpoint: (Request) throws -> Response = { request in
            switch match {
            case .found(let route, _):
                return try route.handler(request)
            case .notFound:
                if request.method == "OPTIONS", request.target == "*" { return Self.options(["GET", "HEAD", "POST", "OPTIONS"]) }
                throw HTTPError(.notFound)
            case .methodNotAllowed(let allow):
                if request.method == "OPTIONS" { return Self.options(allow) }
                throw HTTPError(.methodNotAllowed, headers: HTTPHeaders([("Allow", allow.joined(separator: ", "))]))
            }
        }
        let guardedEndpoint: (Request) throws -> Response = { request in self.guarded(request, endpoint) }
        let chain = middleware.reversed().reduce(guardedEndpoint) { next, m in
            { request in self.guarded(request) { try m.respond(to: $0, next: next) } }
        }
        return guarded(request, chain)
    }

    /// Runs `body`, turning a thrown error into an error response, so outer middleware still sees
    /// (and can decorate) a response when an inner layer fails.
    private func guarded(_ request: Request, _ body: (Request) throws -> Response) -> Response {
        do {
            return try body(request)
        } catch let error as HTTPError {
            var response = renderError(request, error)
            for (name, value) in error.headers where response.headers[name] == nil { response.headers.add(name, value) }
            return response
        } catch {
            logError("request \(request.requestID) \(request.method) \(request.path) failed: \(String(reflecting: error))")
            return renderError(request, HTTPError(.internalServerError,
                message: "Something went wrong on our side. Request id: \(request.requestID)"))
        }
    }

    private static func options(_ allow: [String]) -> Response {
        Response(status: .noContent, headers: HTTPHeaders([("Allow", allow.joined(separator: ", "))]))
    }

    public static let defaultErrorPage: ErrorRenderer = { request, error in
        let html = """
        <!doctype html><html><head><meta charset="utf-8"><title>\(error.status)</title></head>
        <body><h1>\(error.status)</h1><p>\(HTMLEscape.escape(error.message))</p></body></html>
        """
        return .html(html, status: error.status)
    }
}

/// Minimal HTML escaping for the HTTP layer's own pages (the template engine has its own).
public enum HTMLEscape {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
