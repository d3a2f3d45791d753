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
}
