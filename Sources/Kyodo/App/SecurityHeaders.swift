import HTTP

/// Headers every response carries. The CSP allows no inline script or style at all, so an
/// injected `<script>` or `style=` attribute does nothing even if escaping were ever missed.
struct SecurityHeaders: Middleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "font-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
    ].joined(separator: "; ")

    /// Served over HTTPS (`--secure-cookies`): browsers are told to use HTTPS only, for a year.
    var strictTransportSecurity = false

    func respond(to request: Request, next: (Request) throws -> Response) throws -> Response {
        var response = try next(request)
        if strictTransportSecurity { response.headers.set("Strict-Transport-Security", "max-age=31536000") }
        response.headers.set("Content-Security-Policy", Self.contentSecurityPolicy)
        response.headers.set("X-Content-Type-Options", "nosniff")
        response.headers.set("Referrer-Policy", "same-origin")
        response.headers.set("X-Frame-Options", "DENY")
        response.headers.set("Cross-Origin-Opener-Policy", "same-origin")
        if response.headers["Cache-Control"] == nil {
            // Pages can hold personal data: never let a shared cache keep them.
            response.headers.set("Cache-Control", "no-store")
        }
        return response
    }
}
