import Foundation
import Templating

/// The audit trail in words, for the history panels, the audit page and its CSV: field labels
/// instead of column names, states and kinds in the reader's language, dates in 和暦, districts
/// and fields by name, yes/no for flags, 「自動処理」 for the scheduler — no raw key, enum value or
/// UTC timestamp.
struct AuditWords {
    let c: RequestContext
    /// District and activity-field names, read once per page.
    private let names: OrganisationView?

    init(_ c: RequestContext) {
        self.c = c
        names = try? OrganisationView(c)
    }

    /// Who did it: people as recorded; the system's own actors by what they are.
    func actor(_ label: String) -> String { Self.actor(label, c) }

    /// The same without the district and field names (the timeline needs only this).
    static func actor(_ label: String, _ c: RequestContext) -> String {
        let key = "audit.actor.\(label)"
        let text = c.t(key)
        return text == key ? label : text
    }

    func value(_ field: String, _ value: AuditValue?, recordType: String) -> String {
        guard let value else { return "—" }
        switch value {
        case .null: return "—"
        case .bool(let b): return c.t(b ? "audit.yes" : "audit.no")
        case .int(let i):
            if Self.moneyFields.contains(field) { return c.format("yen", .int(Int(i))) }
            return String(i)
        case .string(let s): return text(field, s, recordType: recordType)
        }
    }

    static let moneyFields: Set<String> = [
        "requested_amount", "granted_amount", "settled_amount", "budget_ceiling", "max_amount", "annual_budget",
    ]

    private func text(_ field: String, _ s: String, recordType: String) -> String {
        if s.isEmpty { return "—" }
        // A state or kind: its label for this kind of record, when there is one.
        if field == "status" || field.hasSuffix("_status") || field == "kind" || field == "form" {
            let prefix = field == "report_status" ? "report" : recordType
            let key = "\(prefix).\(field == "kind" || field == "form" ? field : "status").\(s)"
            let label = c.t(key)
            if label != key { return label }
        }
        if field == "district" || field == "district_code", let name = names?.districtNames[s] { return name }
        if field == "activity_fields" || field == "fields", let names {
            let codes = s.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if !codes.isEmpty { return codes.compactMap { names.fieldNames[$0] }.joined(separator: "・") }
        }
        // Timestamps and dates as people read them, in Japan time.
        let bytes = Array(s.utf8)
        if bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), s.prefix(4).allSatisfy(\.isNumber) {
            return c.format(bytes.count == 10 ? "date" : "datetime", .string(s))
        }
        return s
    }

    /// 「地区: 中央、状態: 提出済み」: one side of a change in words, for the CSV.
    func summary(_ values: [String: AuditValue], recordType: String) -> String {
        values.keys.sorted().map { "\(HistoryPanel.fieldLabel($0, c)): \(value($0, values[$0], recordType: recordType))" }
            .joined(separator: c.locale == "ja" ? "、" : "; ")
    }
}
