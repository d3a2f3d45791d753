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
        "showRequestID": .bool(\.showRequestID), "suggestSearch": .bool { $0.status == 404 },
    ])
}

/// `open-data/index`: what the open data is and where to download it, dataset by dataset.
struct OpenDataPage: PageView {
    struct Item: TemplateView {
        let name: String
        let title: String
        static let fields = Fields<Item>(["name": .text(\.name), "title": .text(\.title)])
    }

    static let templates = ["open-data/index"]
    var template: String { "open-data/index" }
    var datasets: [Item] = []
    let licence: String
    static let fields = Fields<OpenDataPage>(["datasets": .list(\.datasets), "licence": .text(\.licence)])
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
