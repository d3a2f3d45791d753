import Foundation
import HTTP
import Testing

/// Graceful shutdown: in-flight requests finish, new connections are refused, exit code 0.
@Suite struct ShutdownTests {
    @Test func stop_letsInFlightRequestFinish_thenRefusesConnections() throws {
        let server = try TestServer()
        let port = server.port
        let c = try server.client()
        try c.send(request("GET", "/slow"))
        usleep(200_000)
        let stopped = Thread { server.stop() }
        stopped.start()
        let response = try c.readResponse()
        #expect(response.text == "slow")
        #expect(response.header("Connection") == "close")
        while !stopped.isFinished && !stopped.isCancelled { usleep(10_000); if (try? RawClient(port: port, timeout: 1)) == nil { break } }
        #expect(throws: (any Error).self) { try RawClient(port: port, timeout: 1) }
    }

    @Test func kyodoServe_exitsZeroOnSIGTERM() throws {
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/kyodo").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build kyodo first (make test does)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--port", "0", "--quiet"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        var output = ""
        while !output.contains("listening on") {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { break }
            output += String(decoding: data, as: UTF8.self)
        }
        let port = try #require(output.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        let c = try RawClient(port: port)
        try c.send(request("GET", "/healthz"))
        #expect(try c.readResponse().text == "ok")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(process.terminationReason == .exit)
    }
}
