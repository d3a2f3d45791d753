import Foundation
import SQLite

/// Who did something, as the audit trail records it.
public struct AuditActor: Sendable {
    public let userID: Int64?
    public let label: String
    public let requestID: String
    public let clientAddress: String

    public static func system(_ label: String = "system") -> AuditActor {
        AuditActor(userID: nil, label: label, requestID: "", clientAddress: "")
    }
}

/// Writes the audit trail. Call it inside the same transaction as the change it records, so a
/// change is never without its record nor a record without its change.
public enum Audit {
    /// Records `action` on a record. Only fields whose value differs between `before` and `after`
    /// are stored (a creation has no `before`). Never pass a password, hash or token.
    public static func record(_ db: Database, _ actor: AuditActor, action: String, recordType: String, recordID: Int64?,
                              before: [String: AuditValue] = [:], after: [String: AuditValue] = [:], now: Date) throws {
        var changedBefore: [String: AuditValue] = [:]
        var changedAfter: [String: AuditValue] = [:]
        for key in Set(before.keys).union(after.keys) {
            let old = before[key], new = after[key]
            guard old != new else { continue }
            if let old { changedBefore[key] = old }
            if let new { changedAfter[key] = new }
        }
        try AuditStore.insert(db, actor, action: action, recordType: recordType, recordID: recordID,
                              before: changedBefore, after: changedAfter, now: now)
    }
}
