import HTTP

/// Who may use a route. Every route names one; there is no default, so a new route cannot be
/// reachable by accident. Accounts add signed-in and role-based rules.
public enum Access: Sendable, Equatable {
    /// Anyone, signed in or not: the public pages.
    case anyone
}

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
        let handler: AppHandler
    }

    public private(set) var entries: [Entry] = []

    public mutating func get(_ path: String, _ access: Access, options: RouteOptions = RouteOptions(), _ handler: @escaping AppHandler) {
        entries.append(Entry(method: "GET", path: path, access: access, options: options, handler: handler))
    }

    public mutating func post(_ path: String, _ access: Access, options: RouteOptions = RouteOptions(), _ handler: @escaping AppHandler) {
        entries.append(Entry(method: "POST", path: path, access: access, options: options, handler: handler))
    }

    /// The HTTP router: each route builds its context, checks access, runs the handler.
    func makeRouter(services: AppServices) -> Router {
        var router = Router()
        for entry in entries {
            router.add(entry.method, entry.path, options: entry.options) { request in
                let context = RequestContext(request: request, services: services)
                try Policy.authorize(entry.access, context)
                var response = try entry.handler(context)
                for cookie in context.cookies { response.setCookie(cookie) }
                return response
            }
        }
        return router
    }
}

/// Route-level authorization. Record-level rules ("may this user edit this organisation?") live
/// in each feature's policy and answer 404 for records the user may not see.
enum Policy {
    static func authorize(_ access: Access, _ context: RequestContext) throws {
        switch access {
        case .anyone: return
        }
    }
}
