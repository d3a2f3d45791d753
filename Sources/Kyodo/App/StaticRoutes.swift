import HTTP

/// Files from `Public/` under `/static/`.
enum StaticRoutes {
    static func register(in routes: inout RouteTable, services: AppServices) {
        let files = StaticFiles(root: services.config.publicDirectory,
                                cacheControl: services.config.development ? "no-cache" : "public, max-age=3600")
        routes.sessionlessGet("/static/*path") { context in
            try files.serve(context.request, path: context.request.parameters.require("path"))
        }
    }
}
