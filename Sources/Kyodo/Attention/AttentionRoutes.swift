import Foundation
import HTTP
import Templating

/// "Needs your attention": the first page after signing in — for each of the person's roles, the
/// work waiting for them, soonest deadline first, overdue items marked, each linking to where the
/// work is done.
enum AttentionRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/attention", .signedIn, show)
    }

    static func show(_ c: RequestContext) throws -> Response {
        let user = try c.requireUser()
        let p = c.principal
        let today = DateInput.format(JapaneseCalendar.tokyo(c.now))
        let sections = try c.services.database.read { db -> [(String, [AttentionStore.Item])] in
            var out: [(String, [AttentionStore.Item])] = []
            if p.isOffice { out.append(("attention.section.office", try AttentionStore.office(db, today: today))) }
            if let department = p.departmentID { out.append(("attention.section.department", try AttentionStore.department(db, departmentID: department, today: today))) }
            if p.has(.council), let member = try CouncilStore.find(db, userID: user.id) {
                out.append(("attention.section.council", try AttentionStore.council(db, memberID: member.id)))
            }
            if p.isOrganisationMember { out.append(("attention.section.organisation", try AttentionStore.organisations(db, userID: user.id, today: today))) }
            return out
        }
        return try c.render(AttentionPage(sections: sections.map { key, items in
            // Soonest first; those without a date after.
            let sorted = items.sorted { ($0.due ?? "9999") < ($1.due ?? "9999") }
            return .init(title: c.t(key), items: sorted.map {
                .init(what: c.t($0.kind), title: $0.title.isEmpty ? c.t("application.untitled") : $0.title, href: $0.href, due: $0.due,
                      overdue: $0.due.map { $0 < today } ?? false)
            })
        }))
    }
}

/// `attention/index`: the work waiting for the person, by role.
struct AttentionPage: PageView {
    struct Item: TemplateView {
        let what: String
        let title: String
        let href: String
        let due: String?
        let overdue: Bool
        static let fields = Fields<Item>([
            "what": .text(\.what), "title": .text(\.title), "href": .text(\.href), "due": .text(\.due), "overdue": .bool(\.overdue),
        ])
    }

    struct Section: TemplateView {
        let title: String
        let items: [Item]
        static let fields = Fields<Section>([
            "title": .text(\.title), "items": .list(\.items), "count": .int { $0.items.count },
            "overdue": .int { $0.items.filter(\.overdue).count },
        ])
    }

    static let templates = ["attention/index"]
    var template: String { "attention/index" }
    let sections: [Section]
    static let fields = Fields<AttentionPage>(["sections": .list(\.sections), "hasSections": .bool { !$0.sections.isEmpty }])
}
