import Foundation
import HTTP
import Templating

/// What `layout.html` and its partials read on every page: language, the language switch,
/// navigation, the signed-in user, the CSRF token, the flash message. The outermost frame of every
/// render; a page's own fields are looked up before it.
struct LayoutView: TemplateView {
    struct Link: TemplateView {
        let href: String
        let label: String
        let lang: String
        let current: Bool
        static let fields = Fields<Link>(["href": .text(\.href), "label": .text(\.label), "lang": .text(\.lang),
                                          "current": .bool(\.current)])
    }
    struct CurrentUser: TemplateView {
        let name: String
        /// Unread notifications, for the bell.
        let unread: Int
        static let fields = Fields<CurrentUser>(["name": .text(\.name), "unread": .int(\.unread), "hasUnread": .bool { $0.unread > 0 }])
    }

    let lang: String
    let switchLanguage: Link
    let navigation: [Link]
    let requestID: String
    let csrfToken: String
    let flash: String?
    let currentUser: CurrentUser?
    /// This page's address on the public site, without the language parameter.
    let canonical: String

    static let fields = Fields<LayoutView>([
        "lang": .text(\.lang),
        // Pages with a form set their own; the layout reads it for the 「エラー：」 title prefix.
        "hasErrors": .bool { _ in false },
        "switchLanguage": .view(\.switchLanguage),
        "navigation": .list(\.navigation),
        "requestID": .text(\.requestID),
        "csrfToken": .text(\.csrfToken),
        "flash": .text(\.flash),
        "currentUser": .view(\.currentUser),
        "canonical": .text(\.canonical),
        "ogLocale": .text { $0.lang == "en" ? "en_US" : "ja_JP" },
    ])
}

enum Layout {
    static func view(for context: RequestContext) -> LayoutView {
        let request = context.request
        let other = context.locale == "ja" ? "en" : "ja"
        return LayoutView(
            lang: context.locale,
            switchLanguage: .init(href: url(request, settingLanguage: other), label: other == "ja" ? "日本語" : "English", lang: other,
                                  current: false),
            navigation: Navigation.items(for: context).map { item in
                .init(href: item.href, label: context.t(item.labelKey), lang: "", current: isCurrent(item.href, request.path))
            },
            requestID: request.requestID,
            csrfToken: context.csrfToken,
            flash: context.flash.flatMap { key in context.services.templates.catalog(context.locale)?.text(key) },
            currentUser: context.user.map { user in
                // A count the header can live without: a failed read shows no number rather than failing the page.
                let unread = (try? context.services.database.read { try NotificationStore.unread($0, userID: user.id) }) ?? 0
                return .init(name: user.displayName, unread: unread)
            },
            canonical: canonical(request, base: context.services.config.baseURL))
    }

    /// The base URL, the path and the query without `lang` (the language is a preference, not another page).
    static func canonical(_ request: Request, base: String) -> String {
        let query = request.query.pairs.filter { $0.key != "lang" && !$0.value.isEmpty }
            .map { "\(percentEncode($0.key))=\(percentEncode($0.value))" }
        return base + percentEncodePath(request.path) + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// The current URL with `lang` replaced, keeping the other query parameters.
    static func url(_ request: Request, settingLanguage language: String) -> String {
        var query = request.query.pairs.filter { $0.key != "lang" }.map { "\(percentEncode($0.key))=\(percentEncode($0.value))" }
        query.append("lang=\(language)")
        return percentEncodePath(request.path) + "?" + query.joined(separator: "&")
    }

    private static func isCurrent(_ href: String, _ path: String) -> Bool {
        href == "/" ? path == "/" : path == href || path.hasPrefix(href + "/")
    }

    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    static func percentEncodePath(_ path: String) -> String {
        "/" + path.split(separator: "/").map { percentEncode(String($0)) }.joined(separator: "/")
    }
}
