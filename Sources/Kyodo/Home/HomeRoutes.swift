import HTTP
import Templating

/// The home page: what the office is, and its latest notices. Open calls, results, the next
/// council meeting and the latest minutes join it as those features arrive.
enum HomeRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/", .anyone, showHome)
    }

    static func showHome(_ context: RequestContext) throws -> Response {
        var newest = DirectoryQuery.Filter()
        newest.sort = .newest
        let (notices, count, latest, calls) = try context.services.database.read { db in
            (try NoticeStore.latest(db, limit: 10, now: context.now), try DirectoryQuery.count(db, DirectoryQuery.Filter()),
             try DirectoryQuery.rows(db, newest, limit: 5, offset: 0), try CallStore.list(db, statuses: [.open]))
        }
        return try context.render("home/index", [
            "openCalls": .list(calls.map { CallView.summary($0, context) }),
            "organisationCount": .int(count),
            "latestOrganisations": .list(latest.map { ["id": .int(Int($0.id)), "name": .string($0.name), "kind": .string(context.t($0.kind.messageKey))] }),
            "notices": .list(notices.map { notice in
                ["title": .string(notice.title(for: context.locale)), "body": .string(notice.body(for: context.locale)),
                 "publishedAt": .date(notice.publishedAt)]
            }),
        ])
    }
}
