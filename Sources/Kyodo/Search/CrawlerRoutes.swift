import Foundation
import HTTP

/// For search engines: `robots.txt` keeps them out of the signed-in areas, `sitemap.xml` lists
/// every public page (the fixed lists and every record in the public search index).
enum CrawlerRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/robots.txt", .anyone, robots)
        routes.get("/sitemap.xml", .anyone, sitemap)
    }

    static let listPages = ["/", "/calls", "/themes", "/organisations", "/proposals", "/agreements", "/council/meetings", "/open-data",
                            "/search", "/minutes/search"]

    static func robots(_ c: RequestContext) throws -> Response {
        let base = c.services.config.baseURL
        let text = """
            User-agent: *
            Disallow: /staff/
            Disallow: /admin/
            Disallow: /my/
            Disallow: /review
            Disallow: /department/
            Disallow: /account
            Disallow: /login
            Sitemap: \(base)/sitemap.xml

            """
        return Response(status: .ok, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    static func sitemap(_ c: RequestContext) throws -> Response {
        let base = c.services.config.baseURL
        let records = try c.services.database.read { try SiteSearchStore.urls($0) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in listPages + Datasets.all.map({ "/open-data/\($0.name)" }) + records {
            xml += "<url><loc>\(escape(base + path))</loc></url>\n"
        }
        xml += "</urlset>\n"
        return Response(status: .ok, contentType: "application/xml; charset=utf-8", body: Array(xml.utf8))
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
