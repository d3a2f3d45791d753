import HTTP
import Templating

/// A page answered from deep inside a handler (a confirmation asked for before a step is taken).
struct EarlyResponse: Error {
    let response: Response
    init(_ response: Response) { self.response = response }
}

/// `workflow/confirm`: before an irreversible or far-reaching step, a page of its own (no script
/// needed) saying what will happen and whom it affects, with the step's button and a way back.
/// What the first form sent goes again in hidden fields, with `confirmed=1`.
struct ConfirmationPage: PageView {
    struct Hidden: TemplateView {
        let name: String
        let value: String
        static let fields = Fields<Hidden>(["name": .text(\.name), "value": .text(\.value)])
    }

    static let templates = ["workflow/confirm"]
    var template: String { "workflow/confirm" }
    let label: String
    let explanation: String
    let action: String
    let back: String
    let hidden: [Hidden]
    static let fields = Fields<ConfirmationPage>([
        "label": .text(\.label), "explanation": .text(\.explanation), "action": .text(\.action), "back": .text(\.back),
        "hidden": .list(\.hidden),
    ])

    static func response(_ c: RequestContext, recordType: String, action: String, label: String) throws -> Response {
        let path = c.request.path
        // The record's page: the address before `/transitions/…` (or before the form's last part).
        let back = path.range(of: "/transitions/").map { String(path[..<$0.lowerBound]) }
            ?? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        let key = "confirm.\(recordType).\(action)"
        let explanation = c.t(key) == key ? c.t("confirm.generic") : c.t(key)
        let sent = try c.request.form().pairs.filter { $0.key != "_csrf" && $0.key != "confirmed" }
        return try c.render(ConfirmationPage(label: label, explanation: explanation, action: Layout.percentEncodePath(path),
                                             back: back.isEmpty ? "/" : back,
                                             hidden: sent.map { .init(name: $0.key, value: $0.value) }))
    }
}
