import Templating
import Testing

@Suite struct RenderingTests {
    @Test func variables_escapeEverySpecialCharacter() throws {
        let out = try TemplateFixture.render("<p title=\"{{v}}\">{{v}}</p>", ["v": "<script>alert('x') & \"y\"</script>"])
        #expect(out == "<p title=\"&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;\">&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;</p>")
    }

    @Test func tripleBraces_areRawByExplicitOptIn() throws {
        #expect(try TemplateFixture.render("{{{html}}}", ["html": "<b>bold</b>"]) == "<b>bold</b>")
    }

    @Test func dottedPaths_reachIntoNestedValues() throws {
        #expect(try TemplateFixture.render("{{org.representative.name}}", ["org": ["representative": ["name": "山田 花子"]]]) == "山田 花子")
    }

    @Test func sections_iterateLists_showBooleans_pushObjects() throws {
        let template = "{{#items}}[{{name}}]{{/items}}{{#flag}}yes{{/flag}}{{#org}}{{name}}{{/org}}{{#tags}}{{.}};{{/tags}}"
        let out = try TemplateFixture.render(template, [
            "items": [["name": "a"], ["name": "b"]], "flag": true, "org": ["name": "団体"], "tags": ["x", "y"], "name": "outer",
        ])
        #expect(out == "[a][b]yes団体x;y;")
    }

    @Test func sections_seeOuterValues() throws {
        #expect(try TemplateFixture.render("{{#items}}{{label}}:{{n}} {{/items}}", ["label": "No", "items": [["n": 1], ["n": 2]]]) == "No:1 No:2 ")
    }

    @Test func invertedSections_showForEmptyFalseAndNull() throws {
        let template = "{{^items}}none{{/items}}{{^flag}}off{{/flag}}{{^missing}}null{{/missing}}{{^full}}hidden{{/full}}"
        #expect(try TemplateFixture.render(template, ["items": [], "flag": false, "missing": nil, "full": ["x"]]) == "noneoffnull")
    }

    @Test func partials_renderWithTheCurrentContext() throws {
        let out = try TemplateFixture.render("<ul>{{#items}}{{> partials/item}}{{/items}}</ul>", ["items": [["name": "<a>"]]],
                                             partials: ["partials/item.html": "<li>{{name}}</li>"])
        #expect(out == "<ul><li>&lt;a&gt;</li></ul>")
    }

    @Test func layout_replacesNamedBlocks_andKeepsDefaults() throws {
        let fixture = try TemplateFixture([
            "layout.html": "<title>{{$title}}Kyodo{{/title}}</title><main>{{$content}}{{/content}}</main><footer>{{$footer}}© city{{/footer}}</footer>",
            "page.html": "{{<layout}}{{$title}}団体 – {{name}}{{/title}}{{$content}}<h1>{{name}}</h1>{{/content}}{{/layout}}",
        ])
        let out = try fixture.library().render("page", ["name": "NPO"], locale: "ja")
        #expect(out == "<title>団体 – NPO</title><main><h1>NPO</h1></main><footer>© city</footer>")
    }

    @Test func missingVariable_isAnErrorWhenStrict_emptyInProduction() throws {
        let fixture = try TemplateFixture(["page.html": "a{{nope}}b{{#gone}}x{{/gone}}"])
        let error = #expect(throws: TemplateError.self) { try fixture.library(strict: true).render("page", [:], locale: "ja") }
        #expect(error?.description == "page.html:1: missing variable nope")
        #expect(try fixture.library(strict: false).render("page", [:], locale: "ja") == "ab")
    }

    @Test func messages_followTheLocale_withArguments() throws {
        #expect(try TemplateFixture.render("{{t \"hello\"}} {{t \"greet\" name}}", ["name": "<佐藤>"], locale: "ja") == "こんにちは &lt;佐藤&gt;さん、こんにちは")
        #expect(try TemplateFixture.render("{{t \"hello\"}} {{t \"greet\" name}}", ["name": "Sato"], locale: "en") == "Hello Hello, Sato")
    }

    @Test func formattingHelpers_useLocale() throws {
        let value: TemplateValue = ["at": "2025-04-01T03:00:00.000Z", "amount": 1_234_567, "day": "2019-05-01"]
        #expect(try TemplateFixture.render("{{date at}}|{{datetime at}}|{{yen amount}}|{{fiscalYear at}}|{{date day}}", value, locale: "ja")
                == "令和7年4月1日|令和7年4月1日 12:00|¥1,234,567|令和7年度|令和元年5月1日")
        #expect(try TemplateFixture.render("{{date at}}|{{datetime at}}|{{yen amount}}|{{fiscalYear at}}", value, locale: "en")
                == "1 April 2025|1 April 2025, 12:00|¥1,234,567|FY2025")
    }
}
