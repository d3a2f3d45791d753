import Foundation
import Kyodo
import Testing

/// Phones: at 390 and 320 CSS pixels wide no page scrolls sideways (a wide table scrolls inside its
/// own box instead), for the public pages and the office's busiest ones.
@Suite(.serialized) struct ReflowTests {
    @Test func noPageScrollsSideways_at390And320Pixels() throws {
        try ScenarioRun.run("reflow", javascript: true, start: AttentionScenarioTests.startApp) { b, base, _ in
            let publicPages = ["/", "/organisations", "/organisations/1", "/calls", "/calls/2", "/calls/2/results", "/minutes/1",
                               "/open-data", "/search?q=" + "子育て".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!]
            let officePages = ["/applications/11", "/staff/calls/5/applications", "/staff/calls", "/attention", "/admin/audit"]
            for width in [390, 320] {
                try b.setWindow(width: width, height: 900)
                let viewport = try b.execute("return document.documentElement.clientWidth") as? Int ?? 0
                #expect(viewport > 0 && viewport <= width, "viewport \(viewport) at \(width)")
                try b.open(base + "/?lang=ja")
                for page in publicPages { try check(b, base + page, width) }
                try b.signIn(base, "admin@aoba.example.jp", DemoData.password)
                for page in officePages { try check(b, base + page, width) }
                try b.signOut()
                // An organisation's draft with its budget rows, and its dashboard.
                try b.signIn(base, "hidamari@aoba.example.jp", DemoData.password)
                for page in ["/applications/12/edit", "/my/applications", "/attention"] { try check(b, base + page, width) }
                try b.signOut()
                // The report form of an approved grant, with its actual costs.
                try b.signIn(base, "npo@aoba.example.jp", DemoData.password)
                try check(b, base + "/applications/4/report", width)
                #expect(try b.pageSource().contains("name=\"exp1Amount\""), "the report form with its cost rows")
                try b.signOut()
            }
            try b.setWindow(width: 1280, height: 1000)
        }
    }

    private func check(_ b: WebDriver, _ url: String, _ width: Int) throws {
        try b.open(url)
        try b.waitFor("main")
        let sizes = try b.execute("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]") as? [Int] ?? []
        #expect(sizes.count == 2 && sizes[0] <= sizes[1], "\(url) at \(width) px: scrollWidth \(sizes) exceeds the viewport")
        if sizes.count == 2 && sizes[0] > sizes[1] {
            let wide = try b.execute("""
                var w = document.documentElement.clientWidth, out = [];
                document.querySelectorAll('main *').forEach(function (e) {
                  var r = e.getBoundingClientRect();
                  if (r.right > w + 1 && out.length < 5) out.push(e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(r.right));
                });
                return out.join(' | ');
                """) as? String ?? ""
            Issue.record("wider than the viewport: \(wide)")
            try? b.screenshot(to: RegistrationScenarioTests.outputDirectory + "/reflow-\(width)-\(url.split(separator: "/").last ?? "home").png")
        }
    }
}
