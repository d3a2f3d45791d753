import HTTP

/// Development-only routes (404 without `--dev`): `/dev/outbox`, the mail the app would have
/// sent, and `/dev/crash`, which stops the worker on purpose so the supervisor's restart and crash
/// report can be seen and tested.
enum DevRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/dev/outbox", .development, showOutbox)
        routes.post("/dev/crash", .development, crash)
    }

    static func crash(_ c: RequestContext) throws -> Response {
        fatalError("deliberate crash from /dev/crash (request \(c.request.requestID))")
    }

    static func showOutbox(_ c: RequestContext) throws -> Response {
        let messages = try c.services.database.read { try Outbox.latest($0) }
        return try c.render(OutboxPage(messages: messages.map { .init(to: $0.to, subject: $0.subject, body: $0.body, at: $0.createdAt) }))
    }
}
