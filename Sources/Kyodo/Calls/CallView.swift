import Foundation
import Templating

/// Template data for calls.
enum CallView {
    static func summary(_ call: Call, _ c: RequestContext) -> TemplateValue {
        [
            "id": .int(Int(call.id)), "title": .string(call.title), "kind": .string(c.t(call.kind.messageKey)),
            "status": .string(c.t(call.status.messageKey)), "isOpen": .bool(call.status == .open),
            "resultsPublished": .bool(call.status == .published || call.status == .archived),
            "fiscalYear": .string(c.locale == "ja" ? JapaneseCalendar.japaneseFiscalYear(call.fiscalYear) : JapaneseCalendar.englishFiscalYear(call.fiscalYear)),
            "opensAt": .date(call.opensAt), "closesAt": .date(call.closesAt), "timeLeft": .string(timeLeft(call, c)),
        ]
    }

    /// 締切まであと3日 / 5 hours left / 締切済み.
    static func timeLeft(_ call: Call, _ c: RequestContext) -> String {
        guard call.status == .open else { return "" }
        let seconds = call.closesAt.timeIntervalSince(c.now)
        if seconds <= 0 { return c.t("call.timeLeft.closed") }
        if seconds < 86_400 { return c.t("call.timeLeft.hours", [String(max(1, Int((seconds / 3600).rounded(.up))))]) }
        return c.t("call.timeLeft.days", [String(Int((seconds / 86_400).rounded(.up)))])
    }
}
