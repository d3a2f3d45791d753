/// The main navigation: each entry carries the access rule of the page it links to, so people
/// only see what they may open. Features add their entries here.
struct Navigation {
    struct Item {
        let href: String
        let labelKey: String
        let access: Access
    }

    static let all: [Item] = [
        Item(href: "/", labelKey: "nav.home", access: .anyone),
        Item(href: "/admin/users", labelKey: "nav.adminUsers", access: .roles([.admin])),
        Item(href: "/admin/audit", labelKey: "nav.audit", access: .roles([.admin])),
    ]

    static func items(for context: RequestContext) -> [Item] {
        all.filter { Policy.allows($0.access, context.principal) }
    }
}
