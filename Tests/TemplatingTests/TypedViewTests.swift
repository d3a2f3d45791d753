import Foundation
import Templating
import Testing

/// Templates compiled against typed views: names resolved at start-up, values read through the
/// views' field tables, untyped data only where a view says so.
@Suite struct TypedViewTests {
    struct Item: TemplateView {
        let name: String
        let price: Int?
        static let fields = Fields<Item>(["name": .text(\.name), "price": .int(\.price)])
    }

    struct Page: PageView {
        static let templates = ["page"]
        var template: String { "page" }
        let title: String
        let items: [Item]
        let featured: Item?
        let extra: TemplateValue
        static let fields = Fields<Page>([
            "title": .text(\.title), "items": .list(\.items), "featured": .view(\.featured), "extra": .value(\.extra),
        ])
    }

    struct Outer: TemplateView {
        let site: String
        static let fields = Fields<Outer>(["site": .text(\.site)])
    }

    private func render(_ source: String, _ page: Page) throws -> String {
        let fixture = try TemplateFixture(["page.html": source])
        let bytes = try fixture.library().renderBytes("page", views: [Outer(site: "青葉市"), page], locale: "ja")
        return String(decoding: bytes, as: UTF8.self)
    }

    private let page = Page(title: "<一覧>", items: [.init(name: "a&b", price: 100), .init(name: "c", price: nil)],
                            featured: .init(name: "おすすめ", price: 5), extra: ["note": "メモ", "tags": ["x", "y"]])

    @Test func typedFields_listsNestedViewsAndOuterFrames_render() throws {
        let out = try render("{{title}}|{{#items}}{{name}}:{{#price}}{{price}}{{/price}}{{^price}}-{{/price}}@{{site}};{{/items}}"
                             + "|{{featured.name}}|{{#featured}}{{price}}{{/featured}}|{{extra.note}}|{{#extra.tags}}{{.}}{{/extra.tags}}|{{t \"hello\"}}",
                             page)
        #expect(out == "&lt;一覧&gt;|a&amp;b:100@青葉市;c:-@青葉市;|おすすめ|5|メモ|xy|こんにちは")
    }

    @Test func aNameNoViewHas_failsTheCheck_withFileAndLine() throws {
        let fixture = try TemplateFixture(["page.html": "<p>\n{{#items}}{{nmae}}{{/items}}</p>"])
        let library = try fixture.library(strict: false)
        do {
            try library.check("page", views: [Outer.self, Page.self])
            Issue.record("the check passed")
        } catch let error as TemplateError {
            #expect(error.description.contains("page.html:2") && error.description.contains("nmae"))
        }
        let nested = try TemplateFixture(["page.html": "{{featured.colour}}"])
        #expect(throws: TemplateError.self) { try nested.library(strict: false).check("page", views: [Outer.self, Page.self]) }
        let intoAText = try TemplateFixture(["page.html": "{{title.length}}"])
        #expect(throws: TemplateError.self) { try intoAText.library(strict: false).check("page", views: [Outer.self, Page.self]) }
        let listAsValue = try TemplateFixture(["page.html": "{{items}}"])
        #expect(throws: TemplateError.self) { try listAsValue.library(strict: false).check("page", views: [Outer.self, Page.self]) }
    }
}
