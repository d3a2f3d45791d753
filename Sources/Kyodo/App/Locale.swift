import HTTP

/// The UI language of a request: `?lang=`, then the `lang` cookie, then `Accept-Language`,
/// then Japanese — the city's staff and most residents read Japanese first.
public enum Locale {
    public static let supported = ["ja", "en"]
    public static let fallback = "ja"
    static let cookieName = "lang"

    public static func resolve(_ request: Request) -> String {
        if let asked = request.query["lang"], supported.contains(asked) { return asked }
        if let cookie = request.cookies[cookieName], supported.contains(cookie) { return cookie }
        if let header = request.headers["Accept-Language"], let best = fromAcceptLanguage(header) { return best }
        return fallback
    }

    /// RFC 9110 §12.5.4: the highest-q supported language; `en-GB` counts as `en`.
    static func fromAcceptLanguage(_ header: String) -> String? {
        var best: (language: String, q: Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), !tag.isEmpty else { continue }
            var q = 1.0
            for p in parts.dropFirst() where p.hasPrefix("q=") { q = Double(p.dropFirst(2)) ?? 0 }
            let primary = String(tag.split(separator: "-").first ?? "")
            guard supported.contains(primary), q > 0, q > (best?.q ?? 0) else { continue }
            best = (primary, q)
        }
        return best?.language
    }

    /// A year-long preference cookie, set when the user picks a language.
    static func cookie(_ locale: String, secure: Bool) -> SetCookie {
        var c = SetCookie(name: cookieName, value: locale, maxAge: 365 * 24 * 3600, secure: secure)
        c.httpOnly = false
        return c
    }
}

import Foundation
