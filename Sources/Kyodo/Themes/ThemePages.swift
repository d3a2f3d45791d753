import Foundation
import Templating

/// A theme as every theme page shows it.
struct ThemeCard: TemplateView {
    let theme: Theme
    let status: String
    let fieldNames: [String]
    let districtName: String?

    init(_ t: Theme, _ c: RequestContext, names: OrganisationView) {
        theme = t
        status = c.t(t.status.messageKey)
        fieldNames = t.fields.compactMap { names.fieldNames[$0] }
        districtName = t.districtCode.flatMap { names.districtNames[$0] }
    }

    static let fields = Fields<ThemeCard>([
        "id": .int { Int($0.theme.id) }, "title": .text(\.theme.title), "department": .text(\.theme.departmentName),
        "fiscalYear": .int(\.theme.fiscalYear), "status": .text(\.status), "draft": .bool { $0.theme.status == .draft },
        "closed": .bool { $0.theme.status == .closed }, "localIssue": .text(\.theme.localIssue),
        "wanted": .text(\.theme.wanted),
        "expectedOutcome": .text(\.theme.expectedOutcome), "budgetFrame": .yen(\.theme.budgetFrame),
        "periodFrom": .text(\.theme.periodFrom), "periodTo": .text(\.theme.periodTo), "contact": .text(\.theme.contact),
        "district": .text(\.districtName), "fields": .texts(\.fieldNames), "publishedAt": .date(\.theme.publishedAt),
    ])
}

/// `themes/index`: the public list of collaborable work (協働できる事業リスト), with filters.
struct ThemesPage: PageView {
    static let templates = ["themes/index"]
    var template: String { "themes/index" }
    let form: FormView
    let themes: [ThemeCard]
    static let fields = Fields<ThemesPage>(
        Fields.form(\.form) + [("themes", .list(\.themes)), ("count", .int { $0.themes.count })])
}

/// `themes/staff-index`: the themes a department or the office manages, drafts included.
struct StaffThemesPage: PageView {
    static let templates = ["themes/staff-index"]
    var template: String { "themes/staff-index" }
    let themes: [ThemeCard]
    let canDraft: Bool
    static let fields = Fields<StaffThemesPage>([
        "themes": .list(\.themes), "canDraft": .bool(\.canDraft), "count": .int { $0.themes.count },
    ])
}

/// `themes/show`: one theme; for the city side, possible partner organisations and the actions.
struct ThemePage: PageView {
    struct Match: TemplateView {
        let id: Int64
        let name: String
        let district: String?
        let shared: Int
        let collaborations: Int
        static let fields = Fields<Match>([
            "id": .int { Int($0.id) }, "name": .text(\.name), "district": .text(\.district), "shared": .int(\.shared),
            "collaborations": .int(\.collaborations),
        ])
    }

    struct CallLink: TemplateView {
        let id: Int64
        let title: String
        static let fields = Fields<CallLink>(["id": .int { Int($0.id) }, "title": .text(\.title)])
    }

    static let templates = ["themes/show"]
    var template: String { "themes/show" }
    let theme: ThemeCard
    let call: CallLink?
    let canEdit: Bool
    let actions: [ActionButton]
    let showMatches: Bool
    let matches: [Match]
    /// Open proposal calls an organisation member may answer the theme under.
    let proposeUnder: [CallLink]
    let organisationName: String
    let timeline: TemplateValue?
    static let fields = Fields<ThemePage>([
        "theme": .view(\.theme), "call": .view(\.call), "canEdit": .bool(\.canEdit), "actions": .list(\.actions),
        "showMatches": .bool(\.showMatches), "matches": .list(\.matches), "hasMatches": .bool { !$0.matches.isEmpty },
        "proposeUnder": .list(\.proposeUnder),
        "organisationName": .text(\.organisationName), "timeline": .value { $0.timeline ?? .null },
        "hasTimeline": .bool { $0.timeline != nil },
    ])
}

/// A workflow button on a record page: the action in the URL and its label.
struct ActionButton: TemplateView {
    let action: String
    let label: String
    let comment: Bool
    /// Why this step was just refused (something to fix first), and the comment typed with it.
    var error: String? = nil
    var commentValue = ""
    static let fields = Fields<ActionButton>([
        "action": .text(\.action), "label": .text(\.label), "comment": .bool(\.comment), "error": .text(\.error),
        "commentValue": .text(\.commentValue),
    ])
}

/// A workflow step refused for something the person can fix, shown next to its button.
struct RefusedStep {
    let action: String
    let message: String
    let comment: String
}

extension Array where Element == ActionButton {
    /// The buttons with the refused one carrying its reason and the typed comment.
    func marking(_ refused: RefusedStep?) -> [ActionButton] {
        guard let refused else { return self }
        return map { button in
            guard button.action == refused.action else { return button }
            var marked = button
            marked.error = refused.message
            marked.commentValue = refused.comment
            return marked
        }
    }
}

/// `themes/form`: drafting or editing a theme.
struct ThemeFormPage: PageView {
    static let templates = ["themes/form"]
    var template: String { "themes/form" }
    let form: FormView
    /// nil while drafting a new theme.
    let id: Int64?
    let title: String
    /// What the department's earlier projects handed over (published evaluations).
    let handovers: [HandoverView]
    static let fields = Fields<ThemeFormPage>(
        Fields.form(\.form) + [
            ("id", .int { $0.id.map(Int.init) }), ("title", .text(\.title)),
            ("isNew", .bool { $0.id == nil }), ("handovers", .list(\.handovers)),
            ("hasHandovers", .bool { !$0.handovers.isEmpty }),
        ])
}
