/// The main navigation. Each feature adds its entries here with the roles that see them; with
/// accounts, staff, council members and organisations will each see their own.
struct Navigation {
    struct Item {
        let href: String
        let labelKey: String
    }

    static func items(for context: RequestContext) -> [Item] {
        [Item(href: "/", labelKey: "nav.home")]
    }
}
