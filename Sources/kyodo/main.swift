import Glibc
import HTTP

// Temporary entry point: `kyodo serve` answers /healthz. The app shell replaces this.
var configuration = ServerConfiguration()
var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "serve" { arguments.removeFirst() }
var index = 0
while index < arguments.count {
    let flag = arguments[index]
    let value = index + 1 < arguments.count ? arguments[index + 1] : nil
    switch flag {
    case "--host": configuration.host = value ?? configuration.host; index += 2
    case "--port": configuration.port = value.flatMap(Int.init) ?? configuration.port; index += 2
    case "--event-loops": configuration.eventLoopCount = value.flatMap(Int.init) ?? configuration.eventLoopCount; index += 2
    case "--workers": configuration.workerCount = value.flatMap(Int.init) ?? configuration.workerCount; index += 2
    case "--max-connections": configuration.limits.maxConnections = value.flatMap(Int.init) ?? configuration.limits.maxConnections; index += 2
    case "--quiet": configuration.accessLog = false; index += 1
    default:
        FileHandleOutput.stderr("unknown option \(flag)\nusage: kyodo serve [--host H] [--port P] [--quiet]\n")
        exit(2)
    }
}

var router = Router()
router.get("/healthz") { _ in .text("ok") }
let publicFiles = StaticFiles(root: "Public")
router.get("/*path") { request in try publicFiles.serve(request, path: request.parameters.require("path")) }

Server.blockShutdownSignals()
let server = Server(configuration: configuration, responder: Responder(router: router))
do {
    try server.start()
} catch {
    FileHandleOutput.stderr("kyodo: \(error)\n")
    exit(1)
}
Log.info("listening on http://\(configuration.host):\(server.port)")
server.runUntilSignalled()
exit(0)

enum FileHandleOutput {
    static func stderr(_ text: String) { _ = text.withCString { write(2, $0, strlen($0)) } }
}
