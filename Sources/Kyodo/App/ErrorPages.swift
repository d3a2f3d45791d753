import HTTP

/// Error pages in the request's language, from `Templates/errors/error.html`. The message shown
/// is the status's own text; an `HTTPError` message is added only for client errors, since a
/// 500's message is internal by definition (the request id lets staff find the log line).
enum ErrorPages {
    static let known: Set<Int> = [400, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503]

    static func renderer(_ services: AppServices) -> ErrorRenderer {
        { request, error in
            // Errors outside a route (404, 405) or in building the context: render as the public.
            guard let context = try? RequestContext(request: request, services: services) else {
                return Responder.defaultErrorPage(request, error)
            }
            var response = render(context, error)
            for cookie in context.cookies { response.setCookie(cookie) }
            return response
        }
    }

    /// The error page for `httpError` in the context's language, with its headers (e.g. Allow).
    static func render(_ context: RequestContext, _ httpError: HTTPError) -> Response {
        let request = context.request
        let status = httpError.status
        let code = known.contains(status.code) ? status.code : (status.code >= 500 ? 500 : 400)
        let detail = status.code < 500 && httpError.message != status.reasonPhrase ? httpError.message : ""
        do {
            var response = try context.render(ErrorPage(
                status: status.code, title: context.t("error.\(code).title"), explanation: context.t("error.\(code).body"),
                detail: detail, showRequestID: status.code >= 500), status: status)
            for (name, value) in httpError.headers { response.headers.add(name, value) }
            return response
        } catch let renderFailure {
            Log.error("request \(request.requestID): error page failed to render: \(renderFailure)")
            return Responder.defaultErrorPage(request, HTTPError(status))
        }
    }

    /// The page for errors the HTTP layer answers before any request reaches the app (so no
    /// language is known): both languages, Japanese first, with the way home. Built once per status.
    static func raw(_ services: AppServices) -> @Sendable (HTTPStatus) -> String {
        let pages = Protected<[Int: String]>([:])
        return { status in
            if let page = pages.read({ $0[status.code] }) { return page }
            func text(_ locale: String, _ key: String, _ fallback: String) -> String {
                let t = services.templates.catalog(locale)?.text(key) ?? key
                return HTMLEscape.escape(t == key ? fallback : t)
            }
            let ja = (text("ja", "error.\(status.code).title", status.reasonPhrase), text("ja", "error.\(status.code).body", ""))
            let en = (text("en", "error.\(status.code).title", status.reasonPhrase), text("en", "error.\(status.code).body", ""))
            let page = """
                <!doctype html>
                <html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>\(ja.0) | \(text("ja", "site.name", "Kyodo"))</title><link rel="stylesheet" href="/static/css/site.css"></head>
                <body><main id="main" class="main"><section class="error-page">
                <p class="error-page__code">\(status.code)</p><h1>\(ja.0)</h1><p>\(ja.1)</p><p><a href="/">\(text("ja", "error.home", "Home"))</a></p>
                <div lang="en"><h2>\(en.0)</h2><p>\(en.1)</p><p><a href="/">\(text("en", "error.home", "Home"))</a></p></div>
                </section></main></body></html>

                """
            pages.withLock { $0[status.code] = page }
            return page
        }
    }
}
