import HTTP
import Templating

/// What a handler works with: the request, the services, and what the app knows about the
/// requester (locale now; the signed-in user and CSRF token come with accounts).
public final class RequestContext {
    public let request: Request
    public let services: AppServices
    public let locale: String
    /// Cookies to add to whatever response the handler returns.
    var cookies: [SetCookie] = []

    init(request: Request, services: AppServices) {
        self.request = request
        self.services = services
        self.locale = Locale.resolve(request)
        if let asked = request.query["lang"], Locale.supported.contains(asked), request.cookies[Locale.cookieName] != asked {
            cookies.append(Locale.cookie(asked, secure: services.config.secureCookies))
        }
    }

    /// A message in the request's language; the key itself if missing, so a gap is visible.
    public func t(_ key: String, _ arguments: [String] = []) -> String {
        services.templates.catalog(locale)?.text(key, arguments) ?? key
    }

    /// Renders a page template (which extends the layout) with the layout's data added.
    public func render(_ template: String, _ data: [String: TemplateValue] = [:], status: HTTPStatus = .ok) throws -> Response {
        let value = Layout.data(for: self).merging(data)
        let html = try services.templates.render(template, value, locale: locale)
        return .html(html, status: status)
    }
}
