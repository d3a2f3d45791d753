import HTTP

/// `/dev/outbox`: the mail the app would have sent, visible only when running with `--dev`.
enum DevRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/dev/outbox", .development, showOutbox)
    }

    static func showOutbox(_ c: RequestContext) throws -> Response {
        let messages = try c.services.database.read { try Outbox.latest($0) }
        return try c.render("mail/outbox", [
            "messages": .list(messages.map { ["to": .string($0.to), "subject": .string($0.subject), "body": .string($0.body), "at": .date($0.createdAt)] }),
        ])
    }
}
