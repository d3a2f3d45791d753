import Foundation
import Templating

/// `home/index`: open calls, the directory's size and newest entries, the office's notices.
struct HomePage: PageView {
    struct Newcomer: TemplateView {
        let id: Int64
        let name: String
        let kind: String
        static let fields = Fields<Newcomer>(["id": .int { Int($0.id) }, "name": .text(\.name), "kind": .text(\.kind)])
    }

    struct Notice: TemplateView {
        let title: String
        let body: String
        let publishedAt: Date
        static let fields = Fields<Notice>(["title": .text(\.title), "body": .text(\.body), "publishedAt": .date(\.publishedAt)])
    }

    static let templates = ["home/index"]
    var template: String { "home/index" }
    let openCalls: [CallCard]
    let organisationCount: Int
    let latestOrganisations: [Newcomer]
    let notices: [Notice]
    /// Calls whose results are published, newest first.
    let results: [CallCard]
    let nextMeeting: MeetingCard?
    let latestMinutes: [MeetingCard]
    let openThemes: Int

    static let fields = Fields<HomePage>([
        "openCalls": .list(\.openCalls), "organisationCount": .int(\.organisationCount),
        "latestOrganisations": .list(\.latestOrganisations), "notices": .list(\.notices), "results": .list(\.results),
        "nextMeeting": .view(\.nextMeeting), "latestMinutes": .list(\.latestMinutes), "openThemes": .int(\.openThemes),
    ])
}
