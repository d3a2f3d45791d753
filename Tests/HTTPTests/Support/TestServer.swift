import Glibc
import HTTP
import Synchronization

/// A real server on an ephemeral loopback port with routes that exercise the HTTP layer.
final class TestServer: Sendable {
    let server: Server
    let uploadDirectory: String

    var port: Int { server.port }

    init(host: String = "127.0.0.1", limits: (inout HTTPLimits) -> Void = { _ in },
         configure: (inout ServerConfiguration) -> Void = { _ in },
         extraRoutes: (inout Router) -> Void = { _ in }) throws {
        var template = Array("/tmp/kyodo-test-XXXXXX".utf8CString)
        uploadDirectory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = 0
        configuration.accessLog = false
        configuration.eventLoopCount = 2
        configuration.workerCount = 8
        configuration.shutdownGrace = 5
        limits(&configuration.limits)
        configure(&configuration)
        var router = Router()
        Self.addRoutes(&router, uploads: uploadDirectory)
        extraRoutes(&router)
        let calls = Counter()
        server = Server(configuration: configuration, responder: Responder(router: Self.counting(router, calls)))
        counter = calls
        try server.start()
    }

    private let counter: Counter
    var calls: Int { counter.value.load(ordering: .relaxed) }

    func stop() { server.stop() }

    func client(timeout: Double = 5) throws -> RawClient { try RawClient(port: port, timeout: timeout) }
    func client(from source: String) throws -> RawClient { try RawClient(port: port, source: source) }

    /// Sends `raw` on a new connection and reads one response.
    func exchange(_ raw: String) throws -> RawClient.Response {
        let c = try client()
        try c.send(raw)
        return try c.readResponse()
    }

    final class Counter: Sendable { let value = Atomic<Int>(0) }

    private static func counting(_ router: Router, _ counter: Counter) -> Router {
        var counted = Router()
        for route in router.routes {
            let inner = route
            counted.add(route.method, route.pattern, options: route.options) { request in
                counter.value.add(1, ordering: .relaxed)
                return try inner.call(request)
            }
        }
        return counted
    }

    private static func addRoutes(_ router: inout Router, uploads: String) {
        router.get("/hello") { _ in .text("hello") }
        router.post("/echo") { request in Response(status: .ok, contentType: "application/octet-stream", body: request.body) }
        router.get("/slow") { _ in usleep(1_000_000); return .text("slow") }
        router.get("/items/:id") { request in .text("item \(try request.parameters.require("id", as: Int64.self))") }
        router.get("/items/new") { _ in .text("new item form") }
        router.get("/団体/:name") { request in .text("団体 \(request.parameters["name"] ?? "")") }
        router.get("/query") { request in .text(request.query.map { "\($0.key)=\($0.value)" }.joined(separator: "|")) }
        router.post("/form") { request in .text(try request.form().map { "\($0.key)=\($0.value)" }.joined(separator: "|")) }
        router.get("/cookies") { request in .text(request.cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "|")) }
        router.get("/boom") { _ in throw SecretFailure() }
        router.get("/conflict") { _ in throw HTTPError(.conflict, message: "already decided") }
        let files = StaticFiles(root: "Tests/HTTPTests/Fixtures/public")
        router.get("/static/*path") { request in try files.serve(request, path: request.parameters.require("path")) }
        let multipart = MultipartLimits(maxFileBytes: 1000, maxParts: 5, maxFieldBytes: 100, temporaryDirectory: uploads)
        router.post("/upload", options: RouteOptions(maxBodyBytes: 5000, multipart: multipart)) { request in
            guard let form = request.multipart else { throw HTTPError(.badRequest, message: "expected multipart") }
            let fields = form.fields.map { "\($0.key)=\($0.value)" }.joined(separator: "|")
            let files = form.files.map { "\($0.fieldName):\($0.filename):\($0.size):\(Self.read($0.path))" }.joined(separator: "|")
            return .text("\(fields)#\(files)")
        }
    }

    static func read(_ path: String) -> String {
        guard let f = fopen(path, "r") else { return "?" }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var c = fgetc(f)
        while c != EOF { bytes.append(UInt8(c)); c = fgetc(f) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Files left in the upload directory (should be none after a request finishes).
    func leftoverUploads() -> [String] {
        guard let dir = opendir(uploadDirectory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

struct SecretFailure: Error, CustomStringConvertible {
    var description: String { "database password is hunter2" }
}

func request(_ method: String = "GET", _ target: String, headers: [String] = [], body: String = "") -> String {
    var lines = ["\(method) \(target) HTTP/1.1", "Host: test"] + headers
    if !body.isEmpty && !headers.contains(where: { $0.lowercased().hasPrefix("content-length") || $0.lowercased().hasPrefix("transfer-encoding") }) {
        lines.append("Content-Length: \(body.utf8.count)")
    }
    return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
}
