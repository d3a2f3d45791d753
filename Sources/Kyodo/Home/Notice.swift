import Foundation

/// お知らせ: an announcement from the office on the home page.
public struct Notice: Sendable {
    public var id: Int64
    public var title: String
    public var body: String
    public var titleEnglish: String?
    public var bodyEnglish: String?
    public var publishedAt: Date

    /// The title in the reader's language, falling back to Japanese.
    func title(for locale: String) -> String { locale == "en" ? titleEnglish ?? title : title }
    func body(for locale: String) -> String { locale == "en" ? bodyEnglish ?? body : body }
}
