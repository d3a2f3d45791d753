import Templating

/// One organisation in the directory: as a card on the public page, as a row on the staff list.
struct OrganisationCard: TemplateView {
    let id: Int64
    let name: String
    let kana: String
    let kind: String
    let district: String?
    let activityFields: [String]
    let summary: String
    let inactive: Bool
    /// Shown on the staff list only.
    let status: String

    static let fields = Fields<OrganisationCard>([
        "id": .int { Int($0.id) }, "name": .text(\.name), "kana": .text(\.kana), "kind": .text(\.kind),
        "district": .text(\.district), "fields": .texts(\.activityFields), "summary": .text(\.summary),
        "inactive": .bool(\.inactive), "status": .text(\.status),
    ])
}

/// The public directory (`organisations/index`) and the staff list (`organisations/staff-index`).
struct DirectoryPage: PageView {
    static let templates = ["organisations/index", "organisations/staff-index"]
    let template: String
    let form: FormView
    let organisations: [OrganisationCard]
    let pagination: PaginationView
    let csvHref: String
    let query: String

    static let fields = Fields<DirectoryPage>(Fields.form(\.form) + [
        ("organisations", .list(\.organisations)), ("hasResults", .bool { !$0.organisations.isEmpty }),
        ("pagination", .view(\.pagination)), ("csvHref", .text(\.csvHref)), ("query", .text(\.query)),
    ])
}
