import Foundation
import HTTP
import Templating

/// The data `layout.html` needs on every page: language, the language switch, navigation.
enum Layout {
    static func data(for context: RequestContext) -> TemplateValue {
        let request = context.request
        let other = context.locale == "ja" ? "en" : "ja"
        return [
            "lang": .string(context.locale),
            // Pages with a form set it; the layout reads it for the 「エラー：」 title prefix.
            "hasErrors": false,
            "switchLanguage": [
                "href": .string(url(request, settingLanguage: other)),
                "label": .string(other == "ja" ? "日本語" : "English"),
                "lang": .string(other),
            ],
            "navigation": .list(Navigation.items(for: context).map { item in
                ["href": .string(item.href), "label": .string(context.t(item.labelKey)),
                 "current": .bool(isCurrent(item.href, request.path))]
            }),
            "requestID": .string(request.requestID),
            "csrfToken": .string(context.csrfToken),
            "flash": TemplateValue(context.flash.flatMap { key in context.services.templates.catalog(context.locale)?.text(key) }),
            "currentUser": context.user.map { ["name": .string($0.displayName)] } ?? .null,
        ]
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
