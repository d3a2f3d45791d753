import Foundation
import HTTP
import Synchronization
import Testing

/// One error path and one access-log line per request.
@Suite struct ErrorAndLogTests {
    final class Lines: Sendable {
        let items = Mutex<[String]>([])
        var all: [String] { items.withLock { $0 } }
    }

    @Test func unexpectedError_is500WithRequestId_detailOnlyInLog() throws {
        let logged = Lines()
        var router = Router()
        router.get("/boom") { _ in throw SecretFailure() }
        var responder = Responder(router: router)
        responder.logError = { line in logged.items.withLock { $0.append(line) } }
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.accessLog = false
        let server = Server(configuration: configuration, responder: responder)
        try server.start()
        defer { server.stop() }
        let c = try RawClient(port: server.port)
        try c.send(request("GET", "/boom"))
        let response = try c.readResponse()
        let id = try #require(response.header("X-Request-Id"))
        #expect(response.status == 500)
        #expect(response.text.contains(id))
        #expect(!response.text.contains("hunter2"))
        #expect(logged.all.count == 1)
        #expect(logged.all.first?.contains(id) == true)
        #expect(logged.all.first?.contains("hunter2") == true)
    }

    @Test func httpError_keepsItsStatusAndMessage() throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try server.exchange(request("GET", "/conflict"))
        #expect(response.status == 409)
        #expect(response.text.contains("already decided"))
    }

    @Test func middleware_wrapsResponsesIncludingErrors() throws {
        struct Stamp: Middleware {
            func respond(to request: Request, next: (Request) throws -> Response) throws -> Response {
                var response = try next(request)
                response.headers.add("X-Stamp", "yes")
                return response
            }
        }
        var router = Router()
        router.get("/conflict") { _ in throw HTTPError(.conflict) }
        var responder = Responder(router: router)
        responder.middleware = [Stamp()]
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.accessLog = false
        let server = Server(configuration: configuration, responder: responder)
        try server.start()
        defer { server.stop() }
        let c = try RawClient(port: server.port)
        for target in ["/conflict", "/missing"] {
            try c.send(request("GET", target))
            #expect(try c.readResponse().header("X-Stamp") == "yes", "\(target)")
        }
    }

    @Test func accessLog_writesOneLinePerRequest() throws {
        let path = NSTemporaryDirectory() + "kyodo-access-\(UUID().uuidString).log"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { close(fd); unlink(path) }
        let server = try TestServer(configure: { $0.accessLog = true; $0.accessLogDescriptor = fd })
        let c = try server.client()
        try c.send(request("GET", "/hello") + request("GET", "/missing"))
        let first = try c.readResponse()
        _ = try c.readResponse()
        server.stop()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let fields = lines[0].split(separator: " ")
        #expect(fields.count == 7)
        #expect(fields[1] == "GET" && fields[2] == "/hello" && fields[3] == "200" && fields[4] == "5")
        #expect(fields[5].hasSuffix("ms"))
        #expect(String(fields[6]) == first.header("X-Request-Id"))
        #expect(lines[1].contains(" /missing 404 "))
    }
}
