import Templating

/// `organisations/mine`: the organisations a person works for, and invitations waiting for an answer.
struct MyOrganisationsPage: PageView {
    struct Membership: TemplateView {
        let id: Int64
        let name: String
        let status: String
        let role: String
        let current: Bool
        static let fields = Fields<Membership>([
            "id": .int { Int($0.id) }, "name": .text(\.name), "status": .text(\.status), "role": .text(\.role), "current": .bool(\.current),
        ])
    }

    static let templates = ["organisations/mine"]
    var template: String { "organisations/mine" }
    let invitations: [Membership]
    let organisations: [Membership]
    static let fields = Fields<MyOrganisationsPage>([
        "invitations": .list(\.invitations), "hasInvitations": .bool { !$0.invitations.isEmpty },
        "organisations": .list(\.organisations), "hasOrganisations": .bool { !$0.organisations.isEmpty },
    ])
}
