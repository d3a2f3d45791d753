import Foundation
import Templating

/// `errors/error`: an error in the visitor's language; the request id for 5xx, to quote to the office.
struct ErrorPage: PageView {
    static let templates = ["errors/error"]
    var template: String { "errors/error" }
    let status: Int
    let title: String
    let explanation: String
    let detail: String
    let showRequestID: Bool
    static let fields = Fields<ErrorPage>([
        "status": .int(\.status), "title": .text(\.title), "explanation": .text(\.explanation), "detail": .text(\.detail),
        "showRequestID": .bool(\.showRequestID),
    ])
}

/// `open-data/index`: what the open data is and where to download it (static text).
struct OpenDataPage: PageView {
    static let templates = ["open-data/index"]
    var template: String { "open-data/index" }
    static let fields = Fields<OpenDataPage>([:])
}

/// `mail/outbox` (`--dev` only): the mail the app would have sent.
struct OutboxPage: PageView {
    struct Message: TemplateView {
        let to: String
        let subject: String
        let body: String
        let at: Date
        static let fields = Fields<Message>(["to": .text(\.to), "subject": .text(\.subject), "body": .text(\.body), "at": .date(\.at)])
    }

    static let templates = ["mail/outbox"]
    var template: String { "mail/outbox" }
    let messages: [Message]
    static let fields = Fields<OutboxPage>(["messages": .list(\.messages)])
}
