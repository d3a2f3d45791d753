import Glibc
import HTTP
import Testing

/// Files from a public directory: types, validators, and no way out of the directory.
@Suite struct StaticFileTests {
    @Test func servesWithMimeTypeEtagAndCacheControl() throws {
        let server = try TestServer()
        defer { server.stop() }
        let css = try server.exchange(request("GET", "/static/css/app.css"))
        #expect(css.status == 200)
        #expect(css.text == "body{color:#222}\n")
        #expect(css.header("Content-Type") == "text/css; charset=utf-8")
        #expect(css.header("Cache-Control")?.contains("max-age") == true)
        #expect(css.header("ETag") != nil)
        #expect(try server.exchange(request("GET", "/static/logo.svg")).header("Content-Type") == "image/svg+xml")
    }

    @Test func japaneseFileName_isServed() throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try server.exchange(request("GET", "/static/%E6%A1%88%E5%86%85.txt"))
        #expect(response.text == "こんにちは\n")
    }

    @Test func matchingIfNoneMatch_is304WithoutBody() throws {
        let server = try TestServer()
        defer { server.stop() }
        let etag = try #require(try server.exchange(request("GET", "/static/css/app.css")).header("ETag"))
        let c = try server.client()
        try c.send(request("GET", "/static/css/app.css", headers: ["If-None-Match: \"other\", \(etag)"]))
        let cached = try c.readResponse()
        #expect(cached.status == 304)
        #expect(cached.header("ETag") == etag)
        try c.send(request("GET", "/static/css/app.css", headers: ["If-None-Match: \"stale\""]))
        #expect(try c.readResponse().status == 200)
    }

    @Test(arguments: [
        "/static/../Package.swift", "/static/css/../../RoutingTests.swift", "/static/%2e%2e/%2e%2e/Package.swift",
        "/static/%2E%2E%2FPackage.swift", "/static//etc/passwd", "/static/%2Fetc%2Fpasswd", "/static/.hidden",
        "/static/css", "/static/missing.css",
    ])
    func traversalAndNonFiles_are404(_ target: String) throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try server.exchange(request("GET", target))
        #expect(response.status == 404, "\(target)")
        #expect(!response.text.contains("root:"), "\(target)")
    }

    @Test func symlinkPointingOutside_is404_insideIsServed() throws {
        var template = Array("/tmp/kyodo-static-XXXXXX".utf8CString)
        let root = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        defer { _ = system("rm -rf '\(root)'") }
        symlink("/etc/passwd", root + "/passwd")
        let inside = fopen(root + "/real.txt", "w")
        fputs("inside", inside)
        fclose(inside)
        symlink(root + "/real.txt", root + "/alias.txt")
        let files = StaticFiles(root: root)
        let server = try TestServer(extraRoutes: { router in
            router.get("/tmpfiles/*path") { request in try files.serve(request, path: request.parameters.require("path")) }
        })
        defer { server.stop() }
        #expect(try server.exchange(request("GET", "/tmpfiles/passwd")).status == 404)
        #expect(try server.exchange(request("GET", "/tmpfiles/alias.txt")).text == "inside")
    }

    @Test func head_ofFile_sendsLengthOnly() throws {
        let server = try TestServer()
        defer { server.stop() }
        let c = try server.client()
        try c.send(request("HEAD", "/static/css/app.css"))
        #expect(try c.readResponse(head: true).header("Content-Length") == "17")
        try c.send(request("GET", "/hello"))
        #expect(try c.readResponse().text == "hello")
    }
}

/// Files too large for the in-memory cache go out with sendfile, in pieces when the socket is full.
@Suite struct LargeFileTests {
    @Test func largeFile_isStreamedCompletely() throws {
        var template = Array("/tmp/kyodo-large-XXXXXX".utf8CString)
        let root = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        defer { _ = system("rm -rf '\(root)'") }
        let content = (0..<(3 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let f = fopen(root + "/report.pdf", "w")
        _ = content.withUnsafeBytes { fwrite($0.baseAddress, 1, content.count, f) }
        fclose(f)
        let files = StaticFiles(root: root)
        let server = try TestServer(extraRoutes: { router in
            router.get("/docs/*path") { request in try files.serve(request, path: request.parameters.require("path")) }
        })
        defer { server.stop() }
        let c = try server.client()
        try c.send(request("GET", "/docs/report.pdf") + request("GET", "/hello"))
        usleep(200_000) // let the socket buffers fill so the server must resume on EPOLLOUT
        let response = try c.readResponse()
        #expect(response.header("Content-Type") == "application/pdf")
        #expect(response.body == content)
        #expect(try c.readResponse().text == "hello")
    }

    @Test func serverStart_raisesOpenFileLimitToHardLimit() throws {
        let server = try TestServer()
        defer { server.stop() }
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        #expect(limit.rlim_cur == limit.rlim_max)
    }
}
