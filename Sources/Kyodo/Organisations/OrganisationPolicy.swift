import HTTP

/// Record-level rules for organisations. A record the user may not see is a 404, never a 403,
/// so ids do not reveal which organisations exist.
enum OrganisationPolicy {
    /// Listed organisations are public; pending and returned ones only to their members and the office.
    static func canView(_ p: Principal, _ org: Organisation) -> Bool {
        org.isListed || p.memberships[org.id] != nil || p.isOffice
    }

    static func canEdit(_ p: Principal, _ org: Organisation) -> Bool {
        p.memberships[org.id] != nil || p.isOffice
    }

    static func canManageMembers(_ p: Principal, _ org: Organisation) -> Bool {
        p.memberships[org.id] == .representative || p.isOffice
    }

    static func canSeePrivateFields(_ p: Principal, _ org: Organisation) -> Bool { canEdit(p, org) }

    /// 休止 and back: the representative or the office.
    static func canChangeActivity(_ p: Principal, _ org: Organisation) -> Bool { canManageMembers(p, org) }

    static func canVerify(_ p: Principal) -> Bool { p.isOffice }

    /// Loads the organisation or answers 404 — whether it does not exist or may not be seen.
    static func load(_ c: RequestContext, _ rule: (Principal, Organisation) -> Bool = canView) throws -> Organisation {
        let id = try c.request.parameters.require("id", as: Int64.self)
        guard let org = try c.services.database.read({ try OrganisationStore.find($0, id: id) }), rule(c.principal, org) else {
            throw HTTPError(.notFound)
        }
        return org
    }
}
