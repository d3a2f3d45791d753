import HTTP

/// Files from `Public/` under `/static/`.
enum StaticRoutes {
    static func register(in routes: inout RouteTable, services: AppServices) {
        let files = StaticFiles(root: services.config.publicDirectory,
                                cacheControl: services.config.development ? "no-cache" : "public, max-age=3600")
        routes.get("/static/*path", .anyone) { context in
            try files.serve(context.request, path: context.request.parameters.require("path"))
        }
    }
}
