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
        Item(href: "/attention", labelKey: "nav.attention", access: .signedIn),
        Item(href: "/calls", labelKey: "nav.calls", access: .anyone),
        Item(href: "/themes", labelKey: "nav.themes", access: .anyone),
        Item(href: "/organisations", labelKey: "nav.organisations", access: .anyone),
        Item(href: "/council/meetings", labelKey: "nav.meetings", access: .anyone),
        Item(href: "/open-data", labelKey: "nav.openData", access: .anyone),
        Item(href: "/search", labelKey: "nav.search", access: .anyone),
        Item(href: "/my/organisations", labelKey: "nav.myOrganisations", access: .organisationMember),
        Item(href: "/my/applications", labelKey: "nav.myApplications", access: .organisationMember),
        Item(href: "/my/proposals", labelKey: "nav.myProposals", access: .organisationMember),
        Item(href: "/department/proposals", labelKey: "nav.departmentProposals", access: .roles([.department])),
        Item(href: "/staff/themes", labelKey: "nav.staffThemes", access: .roles([.staff, .admin, .department])),
        Item(href: "/review", labelKey: "nav.review", access: .roles([.council])),
        Item(href: "/staff/organisations", labelKey: "nav.staffOrganisations", access: .roles([.staff, .admin])),
        Item(href: "/staff/calls", labelKey: "nav.staffCalls", access: .roles([.staff, .admin])),
        Item(href: "/staff/council", labelKey: "nav.council", access: .roles([.staff, .admin])),
        Item(href: "/staff/meetings", labelKey: "nav.staffMeetings", access: .roles([.staff, .admin])),
        Item(href: "/admin/users", labelKey: "nav.adminUsers", access: .roles([.admin])),
        Item(href: "/admin/departments", labelKey: "nav.departments", access: .roles([.admin])),
        Item(href: "/admin/audit", labelKey: "nav.audit", access: .roles([.admin])),
    ]

    static func items(for context: RequestContext) -> [Item] {
        all.filter { Policy.allows($0.access, context.principal) }
    }
}
