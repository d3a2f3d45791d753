import HTTP

/// Who may see and change a theme: the department that owns it drafts and edits it, the office
/// publishes it; everyone reads it once published, and closed themes stay readable. A draft is
/// the owning department's and the office's only (404 to anyone else).
enum ThemePolicy {
    static func isOwnDepartment(_ p: Principal, _ t: Theme) -> Bool {
        p.departmentID.map { $0 == t.departmentID } ?? false
    }

    static func canView(_ p: Principal, _ t: Theme) -> Bool { t.isPublic || p.isOffice || isOwnDepartment(p, t) }

    /// Text and fields, until the theme is closed.
    static func canEdit(_ p: Principal, _ t: Theme) -> Bool {
        (p.isOffice || isOwnDepartment(p, t)) && t.status != .closed
    }

    /// The city side's working view of a theme: possible partner organisations.
    static func canSeeMatches(_ p: Principal, _ t: Theme) -> Bool { p.isOffice || p.has(.department) }

    /// Draft a new theme: the office or a department account that belongs to a department.
    static func canDraft(_ p: Principal) -> Bool { p.isOffice || p.departmentID != nil }

    static func load(_ c: RequestContext) throws -> Theme? {
        let id = try c.request.parameters.require("id", as: Int64.self)
        return try c.services.database.read { try ThemeStore.find($0, id: id) }
    }

    static let view = RecordRule.record("theme.view", load: load, allow: canView)
    static let edit = RecordRule.record("theme.edit", load: load) { p, t in p.isOffice || isOwnDepartment(p, t) }
}
