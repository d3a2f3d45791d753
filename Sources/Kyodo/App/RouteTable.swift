import HTTP
import SQLite

/// An app handler: gets the request context, returns a response or throws `HTTPError`.
public typealias AppHandler = @Sendable (RequestContext) throws -> Response

/// The app's route table: each entry is method + path + access rule + handler. Features add
/// their routes in one `register(in:)` function each.
public struct RouteTable: Sendable {
    public struct Entry: Sendable {
        public let method: String
        public let path: String
        public let access: Access
        public let options: RouteOptions
        /// The route never reads the session (static files, /healthz), so it is not looked up.
        public let sessionless: Bool
        let handler: AppHandler
    }

    public private(set) var entries: [Entry] = []

    public mutating func get(_ path: String, _ access: Access, options: RouteOptions = RouteOptions(), _ handler: @escaping AppHandler) {
        entries.append(Entry(method: "GET", path: path, access: access, options: options, sessionless: false, handler: handler))
    }

    public mutating func post(_ path: String, _ access: Access, options: RouteOptions = RouteOptions(), _ handler: @escaping AppHandler) {
        entries.append(Entry(method: "POST", path: path, access: access, options: options, sessionless: false, handler: handler))
    }

    /// A public GET that does not depend on who asks; no session lookup, no cookies read.
    public mutating func sessionlessGet(_ path: String, _ handler: @escaping AppHandler) {
        entries.append(Entry(method: "GET", path: path, access: .anyone, options: RouteOptions(), sessionless: true, handler: handler))
    }

    /// The HTTP router: each route builds its context, checks access, runs the handler.
    func makeRouter(services: AppServices) -> Router {
        var router = Router()
        for entry in entries {
            let counting = services.config.countStatements
            var options = entry.options
            if options.multipart != nil, !entry.access.isAnyone {
                // An upload is read only for someone signed in: an anonymous client gets its 403
                // before a byte of the file reaches the disk (CSRF and the route's rule follow
                // once the body is read, as for every POST).
                let database = services.database
                options.admitBody = { headers in
                    guard let token = Cookies.parse(headers.values(for: "Cookie"))[RequestContext.sessionCookie], !token.isEmpty
                    else { return false }
                    return (try? database.read { try SessionStore.find($0, token: token, now: services.now()) }) != nil
                }
            }
            router.add(entry.method, entry.path, options: options) { request in
                let statementsBefore = StatementCounter.current
                let context = try RequestContext(request: request, services: services, authenticate: !entry.sessionless)
                var response: Response
                do {
                    if request.method != "GET" && request.method != "HEAD" { try context.verifyCSRF() }
                    response = try Policy.authorize(entry.access, context) ?? entry.handler(context)
                } catch let error as HTTPError {
                    response = ErrorPages.render(context, error)
                } catch let early as EarlyResponse {
                    response = early.response
                } catch let error as DatabaseError where error.isUniqueViolation {
                    // Two requests raced to create the same thing and the other won: the user's
                    // request conflicts with the current state, it did not fail.
                    response = ErrorPages.render(context, HTTPError(.conflict, message: context.t("error.alreadyExists")))
                } catch let error as DatabaseError where error.isBusy {
                    var busy = ErrorPages.render(context, HTTPError(.serviceUnavailable, message: context.t("error.busy")))
                    busy.headers.set("Retry-After", "2")
                    response = busy
                }
                for cookie in context.cookies { response.setCookie(cookie) }
                if counting { response.headers.set("X-Kyodo-Statements", String(StatementCounter.current &- statementsBefore)) }
                return response
            }
        }
        return router
    }
}
