import HTTP
import Testing

/// `multipart/form-data` uploads streamed to temporary files with per-file and total limits.
@Suite struct MultipartTests {
    private func body(boundary: String, parts: [(name: String, filename: String?, content: String)]) -> String {
        var text = ""
        for part in parts {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let filename = part.filename { text += "; filename=\"\(filename)\"\r\nContent-Type: text/plain" }
            text += "\r\n\r\n\(part.content)\r\n"
        }
        return text + "--\(boundary)--\r\n"
    }

    private func upload(_ server: TestServer, _ body: String, boundary: String = "XyZ123") throws -> RawClient.Response {
        try server.exchange(request("POST", "/upload", headers: ["Content-Type: multipart/form-data; boundary=\(boundary)"], body: body))
    }

    @Test func fieldsAndFiles_arrive_andTempFilesAreRemovedAfterwards() throws {
        let server = try TestServer()
        defer { server.stop() }
        let text = body(boundary: "XyZ123", parts: [("title", nil, "定款"), ("doc", "規約.txt", "line1\r\n--XyZ12 not a delimiter"), ("year", nil, "2025")])
        let response = try upload(server, text)
        #expect(response.status == 200)
        #expect(response.text == "title=定款|year=2025#doc:規約.txt:30:line1\r\n--XyZ12 not a delimiter")
        #expect(server.leftoverUploads().isEmpty)
    }

    @Test func uploadInChunkedEncoding_isStreamedToo() throws {
        let server = try TestServer()
        defer { server.stop() }
        let text = body(boundary: "b", parts: [("doc", "a.txt", String(repeating: "z", count: 500))])
        let bytes = Array(text.utf8)
        var raw = "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n"
        var i = 0
        while i < bytes.count {
            let n = min(7, bytes.count - i)
            raw += String(n, radix: 16) + "\r\n" + String(decoding: bytes[i..<(i + n)], as: UTF8.self) + "\r\n"
            i += n
        }
        raw += "0\r\n\r\n"
        let response = try server.exchange(raw)
        #expect(response.text == "#doc:a.txt:500:" + String(repeating: "z", count: 500))
    }

    @Test func fileOverPerFileLimit_is413_andLeavesNoFile() throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try upload(server, body(boundary: "XyZ123", parts: [("doc", "big.txt", String(repeating: "x", count: 1001))]))
        #expect(response.status == 413)
        #expect(server.leftoverUploads().isEmpty)
        #expect(server.calls == 0)
    }

    @Test func fileAtPerFileLimit_passes() throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try upload(server, body(boundary: "XyZ123", parts: [("doc", "ok.txt", String(repeating: "x", count: 1000))]))
        #expect(response.status == 200)
    }

    @Test func totalOverRouteLimit_is413_andLeavesNoFile() throws {
        let server = try TestServer()
        defer { server.stop() }
        let parts = (1...6).map { (name: "f\($0)", filename: Optional("f\($0).txt"), content: String(repeating: "y", count: 900)) }
        let response = try upload(server, body(boundary: "XyZ123", parts: parts))
        #expect(response.status == 413)
        #expect(server.leftoverUploads().isEmpty)
    }

    @Test func truncatedMultipart_is400_andLeavesNoFile() throws {
        let server = try TestServer()
        defer { server.stop() }
        let text = "--XyZ123\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\n\r\nno end delimiter"
        #expect(try upload(server, text).status == 400)
        #expect(server.leftoverUploads().isEmpty)
    }
}
