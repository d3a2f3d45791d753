import Foundation

/// A real SMTP server (`Fixtures/smtp_server.py`, Python's standard library only) in a subprocess
/// on a loopback port, with STARTTLS and AUTH when asked; what it accepted is read back from files.
final class SMTPTestServer {
    struct Received {
        let raw: String
        let envelope: [String: Any]
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/smtp_server.py").path

    let directory: String
    private(set) var port: Int
    private var process: Process?
    private let options: [String]

    /// `port` 0 picks a free one; `tls` is (certificate, key) files.
    init(
        port: Int = 0, tls: (String, String)? = nil, auth: (String, String)? = nil, onlyLogin: Bool = false,
        directory: String = NSTemporaryDirectory() + "kyodo-smtp-" + UUID().uuidString
    ) throws {
        self.directory = directory
        self.port = port
        var options: [String] = []
        if let tls { options += ["--tls", tls.0, tls.1] }
        if let auth { options += ["--auth", auth.0, auth.1] }
        if onlyLogin { options.append("--only-login") }
        self.options = options
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try start()
    }

    /// Starts (again, on the same port after `stop`).
    func start() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [Self.script, directory, "--port", String(port)] + options
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        process = p
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { throw CocoaError(.fileReadUnknown) }
            line += chunk
        }
        port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    func stop() {
        // SIGKILL: the test process blocks SIGTERM for the app's signal handling, and the child inherits that mask.
        if let pid = process?.processIdentifier, process?.isRunning == true { kill(pid, SIGKILL) }
        process?.waitUntilExit()
        process = nil
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Messages in the order they arrived.
    func received() throws -> [Received] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".eml") }
        return try names.sorted { Int($0.dropLast(4)) ?? 0 < Int($1.dropLast(4)) ?? 0 }.map { name in
            let raw = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            let json = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name.dropLast(4) + ".json"))
            return Received(raw: raw, envelope: (try JSONSerialization.jsonObject(with: json) as? [String: Any]) ?? [:])
        }
    }

    /// A self-signed certificate for `localhost` and 127.0.0.1 (certificate, key), made with openssl.
    static func certificate(in directory: String) throws -> (String, String) {
        let cert = directory + "/cert.pem"
        let key = directory + "/key.pem"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        p.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return (cert, key)
    }

    /// Parses a received message with Python's `email` package (policy.default decodes RFC 2047
    /// and the transfer encoding) and returns "Header: value" lines and the body.
    static func parse(_ raw: String, in directory: String) throws -> String {
        let file = directory + "/parse-\(UUID().uuidString).eml"
        try raw.write(toFile: file, atomically: true, encoding: .utf8)
        let script = """
            import sys, email, email.policy, email.utils
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
            for h in ('From', 'To', 'Subject', 'Message-ID', 'Content-Type'):
                print(h + ': ' + str(m[h]))
            print('Date-ok: ' + str(email.utils.parsedate_to_datetime(m['Date']).utcoffset()))
            print('Body: ' + m.get_content().replace('\\r\\n', '\\n'))
            """
        return try MeetingTests.run("/usr/bin/python3", ["-c", script, file])
    }
}
