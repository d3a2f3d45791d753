import Foundation
import Templating

/// Writes templates and catalogs into a temporary directory and loads them as a library.
final class TemplateFixture {
    let path = NSTemporaryDirectory() + "kyodo-templates-" + UUID().uuidString

    init(_ files: [String: String], ja: String = "hello = こんにちは\ngreet = {0}さん、こんにちは", en: String = "hello = Hello\ngreet = Hello, {0}") throws {
        for (name, text) in files.merging(["locales/ja.txt": ja, "locales/en.txt": en], uniquingKeysWith: { a, _ in a }) {
            let full = path + "/" + name
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func library(strict: Bool = true) throws -> TemplateLibrary {
        try TemplateLibrary(directory: path, options: .init(strict: strict))
    }

    static func render(_ source: String, _ value: TemplateValue, locale: String = "ja", partials: [String: String] = [:]) throws -> String {
        let fixture = try TemplateFixture(partials.merging(["page.html": source]) { a, _ in a })
        return try fixture.library().render("page", value, locale: locale)
    }
}
