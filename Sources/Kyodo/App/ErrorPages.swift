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
}
