import HTTP
import Templating

/// The home page: open calls with the time left, the latest results, department themes, the next
/// council meeting and the latest minutes, the directory and the office's notices.
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
        var themeFilter = ThemeStore.Filter()
        themeFilter.statuses = [.published]
        let (results, next, minutes, themes) = try context.services.database.read { db in
            (try CallStore.list(db, statuses: [.published]).prefix(3), try MeetingStore.next(db, now: context.now),
             try MeetingStore.latestMinutes(db, limit: 3), try ThemeStore.list(db, themeFilter).count)
        }
        return try context.render(HomePage(
            openCalls: calls.map { CallCard($0, context) }, organisationCount: count,
            latestOrganisations: latest.map { .init(id: $0.id, name: $0.name, kind: context.t($0.kind.messageKey)) },
            notices: notices.map { .init(title: $0.title(for: context.locale), body: $0.body(for: context.locale), publishedAt: $0.publishedAt) },
            results: results.map { CallCard($0, context) }, nextMeeting: next.map { MeetingCard($0, context, hasMinutes: false) },
            latestMinutes: minutes.map { MeetingCard($0, context, hasMinutes: true) }, openThemes: themes))
    }
}
