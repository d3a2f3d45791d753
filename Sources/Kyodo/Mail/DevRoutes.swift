import Glibc
import HTTP

/// Development-only routes (404 without `--dev`): `/dev/outbox`, the mail the app would have
/// sent, and `/dev/crash`, which stops the worker on purpose so the supervisor's restart and crash
/// report can be seen and tested.
enum DevRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/dev/outbox", .development, showOutbox)
        routes.post("/dev/crash", .development, crash)
    }

    /// Ends the worker the way a trap would (SIGILL, which the crash report catches), so the
    /// supervisor test can see a restart and a report naming this request. `--dev` only.
    static func crash(_ c: RequestContext) throws -> Response {
        Log.error("request \(c.request.requestID): /dev/crash stops this worker on purpose")
        raise(SIGILL)
        return Response.text("still running\n", status: .internalServerError)
    }

    static func showOutbox(_ c: RequestContext) throws -> Response {
        let messages = try c.services.database.read { try Outbox.latest($0) }
        return try c.render(OutboxPage(messages: messages.map { .init(to: $0.to, subject: $0.subject, body: $0.body, at: $0.createdAt) }))
    }
}
