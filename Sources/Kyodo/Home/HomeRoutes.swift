import HTTP
import Templating

/// The home page: what the office is, and its latest notices. Open calls, results, the next
/// council meeting and the latest minutes join it as those features arrive.
enum HomeRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/", .anyone, showHome)
    }

    static func showHome(_ context: RequestContext) throws -> Response {
        let notices = try context.services.database.read { try NoticeStore.latest($0, limit: 10) }
        return try context.render("home/index", [
            "notices": .list(notices.map { notice in
                ["title": .string(notice.title(for: context.locale)), "body": .string(notice.body(for: context.locale)),
                 "publishedAt": .date(notice.publishedAt)]
            }),
        ])
    }
}
