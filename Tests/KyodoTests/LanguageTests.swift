import Foundation
import Testing
@testable import Kyodo

/// Japanese on English pages and English on Japanese pages: every word and mark of the interface
/// comes from the catalogs, both catalogs have every key, and the English one has no Japanese
/// except where it explains Japanese input or data.
@Suite struct LanguageTests {
    static let root = TestApp.packageRoot + "/Templates"

    static func isJapanese(_ s: Unicode.Scalar) -> Bool {
        (0x3000...0x30FF).contains(s.value) || (0x3400...0x9FFF).contains(s.value) || (0xFF00...0xFFEF).contains(s.value)
    }

    static func catalog(_ locale: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for line in try String(contentsOfFile: "\(root)/locales/\(locale).txt", encoding: .utf8).split(separator: "\n")
        where !line.hasPrefix("#") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            out[line[..<eq].trimmingCharacters(in: .whitespaces)] = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        }
        return out
    }

    @Test func templates_holdNoJapaneseOutsideTheCatalogs() throws {
        let files = FileManager.default.enumerator(atPath: Self.root)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") } ?? []
        #expect(files.count > 50)
        for file in files {
            let text = try String(contentsOfFile: "\(Self.root)/\(file)", encoding: .utf8)
            // Only what is outside {{…}} is fixed text.
            let fixed = text.replacingOccurrences(of: "\\{\\{[^}]*\\}\\}", with: "", options: .regularExpression)
            let found = fixed.unicodeScalars.filter(Self.isJapanese)
            #expect(found.isEmpty, "\(file) has Japanese outside the catalog: \(String(String.UnicodeScalarView(found.prefix(10))))")
        }
    }

    @Test func bothCatalogs_haveEveryKey_andEnglishHasNoJapanese() throws {
        let ja = try Self.catalog("ja"), en = try Self.catalog("en")
        #expect(Set(ja.keys).subtracting(en.keys).isEmpty, "missing in English: \(Set(ja.keys).subtracting(en.keys).sorted())")
        #expect(Set(en.keys).subtracting(ja.keys).isEmpty, "missing in Japanese: \(Set(en.keys).subtracting(ja.keys).sorted())")
        // These explain Japanese input or the Japanese open data, so they quote it.
        let quoting: Set<String> = [
            "organisation.error.kanaOnly", "money.error.notANumber", "dataset.column.departments", "dataset.column.agenda",
            "dataset.column.fields", "dataset.column.criteria",
        ]
        for (key, text) in en where !quoting.contains(key) {
            #expect(!text.unicodeScalars.contains(where: Self.isJapanese), "\(key) = \(text)")
        }
    }
}

extension LanguageTests {
    /// Error messages speak of dates as people write them, never as an ISO pattern.
    @Test func errorMessages_neverShowTheISOPattern() throws {
        for locale in ["ja", "en"] {
            for (key, text) in try Self.catalog(locale) where key.contains("error") {
                #expect(text.range(of: "[0-9]{4}-[0-9]{2}-[0-9]{2}", options: .regularExpression) == nil, "\(locale) \(key)")
            }
        }
    }
}
