import Foundation
import Templating
import Testing

/// Start-up refuses broken templates and says where.
@Suite struct LoadingTests {
    private func loadError(_ files: [String: String], ja: String = "hello = こんにちは", en: String = "hello = Hello") throws -> String? {
        let fixture = try TemplateFixture(files, ja: ja, en: en)
        do {
            _ = try fixture.library()
            return nil
        } catch let error as TemplateError {
            return error.description
        }
    }

    @Test func syntaxError_reportsFileAndLine() throws {
        #expect(try loadError(["pages/a.html": "line1\nline2 {{#open}}\nno close"]) == "pages/a.html:2: {{#open}} is never closed")
        #expect(try loadError(["b.html": "\n\n{{#a}}{{/b}}"]) == "b.html:3: {{/b}} closes {{#a}} opened on line 3")
        #expect(try loadError(["c.html": "x\n{{ unclosed"]) == "c.html:2: unclosed tag")
    }

    @Test func unknownPartial_reportsFileAndLine() throws {
        #expect(try loadError(["a.html": "\n{{> partials/nope}}"]) == "a.html:2: unknown partial partials/nope")
    }

    @Test func unknownLayout_reportsFileAndLine() throws {
        #expect(try loadError(["a.html": "{{<nolayout}}{{/nolayout}}"]) == "a.html:1: unknown layout nolayout")
    }

    @Test func unknownMessageKey_reportsFileAndLine() throws {
        #expect(try loadError(["a.html": "ok\n\n{{t \"missing.key\"}}"]) == "a.html:3: unknown message key \"missing.key\" in locales/en.txt")
    }

    @Test func keyInOneCatalogOnly_stopsStartUpWhereUsed() throws {
        #expect(try loadError(["a.html": "{{t \"only.ja\"}}"], ja: "only.ja = 日本語だけ", en: "") == "a.html:1: unknown message key \"only.ja\" in locales/en.txt")
    }

    @Test func unknownHelper_reportsFileAndLine() throws {
        #expect(try loadError(["a.html": "{{shout name}}"]) == "a.html:1: unknown helper shout")
    }

    @Test func malformedCatalogLine_reportsFileAndLine() throws {
        #expect(try loadError([:], ja: "a = b\nno equals sign") == "locales/ja.txt:2: expected key = text")
    }

    @Test func reload_picksUpChangedFiles() throws {
        let fixture = try TemplateFixture(["a.html": "one"])
        let library = try TemplateLibrary(directory: fixture.path, options: .init(strict: true, reload: true))
        #expect(try library.render("a", [:], locale: "ja") == "one")
        Thread.sleep(forTimeInterval: 0.01)
        try "two".write(toFile: fixture.path + "/a.html", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: fixture.path + "/a.html")
        #expect(try library.render("a", [:], locale: "ja") == "two")
    }
}
