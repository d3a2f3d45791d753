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

    static func isMember(_ p: Principal, _ org: Organisation) -> Bool { p.memberships[org.id] != nil }

    /// Public documents of listed organisations; every document to its members and the office.
    static func canDownload(_ p: Principal, _ org: Organisation, _ d: DocumentStore.Document) -> Bool {
        (d.isPublic && org.isListed) || canEdit(p, org)
    }

    static func find(_ c: RequestContext) throws -> Organisation? {
        let id = try c.request.parameters.require("id", as: Int64.self)
        return try c.services.database.read { try OrganisationStore.find($0, id: id) }
    }

    /// Loads the organisation or answers 404 — whether it does not exist or may not be seen. For
    /// the public page, which is served from the page cache before any record is read.
    static func load(_ c: RequestContext) throws -> Organisation {
        guard let org = try find(c), canView(c.principal, org) else { throw HTTPError(.notFound) }
        return org
    }

    /// Route rules: the record is loaded and the question asked before the handler runs.
    static let view = RecordRule.record("organisation.view", load: find, allow: canView)
    static let edit = RecordRule.record("organisation.edit", load: find, allow: canEdit)
    static let manage = RecordRule.record("organisation.manageMembers", load: find, allow: canManageMembers)
    static let activity = RecordRule.record("organisation.activity", load: find, allow: canChangeActivity)
    static let member = RecordRule.record("organisation.member", load: find, allow: isMember)
    static let review = RecordRule.record("organisation.review", load: find) { p, _ in canVerify(p) }
}
