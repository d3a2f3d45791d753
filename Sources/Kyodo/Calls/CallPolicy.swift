import HTTP

/// Who may see and run calls: the office manages every call; the public sees a call once it is
/// published (from 公開 on), never a draft.
enum CallPolicy {
    static func canView(_ p: Principal, _ call: Call) -> Bool { call.isPublic || p.isOffice }
    static func canManage(_ p: Principal, _ call: Call) -> Bool { p.isOffice }

    static func find(_ c: RequestContext) throws -> Call? {
        let id = try c.request.parameters.require("id", as: Int64.self)
        return try c.services.database.read { try CallStore.find($0, id: id) }
    }

    static let view = RecordRule.record("call.view", load: find, allow: canView)
    static let manage = RecordRule.record("call.manage", load: find, allow: canManage)
}
