import Foundation
import Templating

/// Template data for calls.
enum CallView {
    /// 締切まであと3日 / 5 hours left / 締切済み.
    static func timeLeft(_ call: Call, _ c: RequestContext) -> String {
        guard call.status == .open else { return "" }
        let seconds = call.closesAt.timeIntervalSince(c.now)
        if seconds <= 0 { return c.t("call.timeLeft.closed") }
        if seconds < 86_400 { return c.t("call.timeLeft.hours", [String(max(1, Int((seconds / 3600).rounded(.up))))]) }
        return c.t("call.timeLeft.days", [String(Int((seconds / 86_400).rounded(.up)))])
    }
}
