import HTTP

/// `/healthz`: `ok` when the server answers and the database file can be read, for monitoring.
enum HealthRoutes {
    static func register(in routes: inout RouteTable) {
        routes.sessionlessGet("/healthz", checkHealth)
    }

    static func checkHealth(_ context: RequestContext) throws -> Response {
        do {
            try context.services.database.read { try HealthStore.check($0) }
        } catch {
            Log.error("health check: database unavailable: \(error)")
            var response = Response.text("database unavailable", status: .serviceUnavailable)
            response.headers.set("Cache-Control", "no-store")
            return response
        }
        var response = Response.text("ok")
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
