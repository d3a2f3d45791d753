import Foundation
import Glibc

/// A W3C WebDriver client for chromedriver (https://www.w3.org/TR/webdriver2/): enough to open
/// pages, fill forms, click and take screenshots in a real headless Chromium.
final class WebDriver: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"
    /// `/usr/bin/chromium` is a wrapper script; the binary itself takes the flags cleanly.
    static let chromiumBinary = "/usr/lib/chromium/chromium"

    private let driver: Process
    private let port: Int
    private var session = ""

    /// Starts chromedriver and a browser session; `javascript: false` turns scripts off entirely.
    init(javascript: Bool) throws {
        guard let path = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first(where: FileManager.default.isExecutableFile(atPath:)),
              FileManager.default.isExecutableFile(atPath: Self.chromiumBinary) else {
            throw Failure(description: "Chromium and chromedriver are needed for the browser tests: apt-get install -y chromium chromium-driver fonts-ipafont-gothic (make test does this when run as root)")
        }
        // Ask the kernel for a free port rather than guessing: other tests hold thousands open.
        let port = Self.freePort()
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: path)
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        self.port = port
        var ready = false
        for _ in 0..<400 where !ready {
            if let status = try? call("GET", "/status"), ((status["value"] as? [String: Any])?["ready"] as? Bool) == true { ready = true } else { usleep(50_000) }
        }
        guard ready else { driver.terminate(); throw Failure(description: "chromedriver did not start within 20 s") }
        var options: [String: Any] = [
            "binary": Self.chromiumBinary,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=ja"],
        ]
        if !javascript { options["prefs"] = ["profile.managed_default_content_settings.javascript": 2] }
        let created = try call("POST", "/session", ["capabilities": ["alwaysMatch": ["goog:chromeOptions": options]]])
        guard let id = created["sessionId"] as? String else { throw Failure(description: "no WebDriver session: \(created)") }
        session = id
    }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    func quit() {
        _ = try? call("DELETE", "/session/\(session)")
        driver.terminate()
        // Process.waitUntilExit can hang here; poll briefly, then make sure it is gone.
        for _ in 0..<40 where driver.isRunning { usleep(50_000) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
        // Each Chromium session leaves a profile folder behind.
        let tmp = NSTemporaryDirectory()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? [] where name.hasPrefix("org.chromium.Chromium.") {
            try? FileManager.default.removeItem(atPath: tmp + name)
        }
    }

    func open(_ url: String) throws { _ = try call("POST", "/session/\(session)/url", ["url": url]) }

    func currentURL() throws -> String { try call("GET", "/session/\(session)/url")["value"] as? String ?? "" }

    func pageSource() throws -> String { try call("GET", "/session/\(session)/source")["value"] as? String ?? "" }

    func find(_ css: String) throws -> String {
        let result = try call("POST", "/session/\(session)/element", ["using": "css selector", "value": css])
        guard let element = (result["value"] as? [String: Any])?[Self.elementKey] as? String else {
            throw Failure(description: "no element matches \(css)")
        }
        return element
    }

    func type(_ css: String, _ text: String) throws {
        let element = try find(css)
        _ = try call("POST", "/session/\(session)/element/\(element)/clear", [:])
        _ = try call("POST", "/session/\(session)/element/\(element)/value", ["text": text])
    }

    func click(_ css: String) throws {
        _ = try call("POST", "/session/\(session)/element/\(try find(css))/click", [:])
    }

    func text(_ css: String) throws -> String {
        try call("GET", "/session/\(session)/element/\(try find(css))/text")["value"] as? String ?? ""
    }

    /// Waits until an element matching `css` is on the page (after a click that navigates).
    func waitFor(_ css: String, timeout: Double = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? find(css)) != nil { return }
            usleep(50_000)
        }
        throw Failure(description: "timed out waiting for \(css) on \(try currentURL())")
    }

    /// Waits until the browser's address contains `fragment` (a click that navigates to a page
    /// with the same elements as the one it left).
    func waitForURL(containing fragment: String, timeout: Double = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? currentURL())?.contains(fragment) == true { return }
            usleep(50_000)
        }
        throw Failure(description: "timed out waiting for an address containing \(fragment); at \(try currentURL())")
    }

    /// Resizes the window (the viewport follows in headless Chromium).
    func setWindow(width: Int, height: Int) throws {
        _ = try call("POST", "/session/\(session)/window/rect", ["width": width, "height": height])
    }

    /// Runs a script in the page and returns its result (JavaScript must be on).
    func execute(_ script: String) throws -> Any? {
        try call("POST", "/session/\(session)/execute/sync", ["script": script, "args": [] as [Any]])["value"]
    }

    func screenshot(to path: String) throws {
        guard let png = try call("GET", "/session/\(session)/screenshot")["value"] as? String, let data = Data(base64Encoded: png) else {
            throw Failure(description: "no screenshot")
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
    }

    @discardableResult
    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> [String: Any] {
        if ProcessInfo.processInfo.environment["WEBDRIVER_TRACE"] != nil { FileHandle.standardError.write(Data("webdriver \(Date().timeIntervalSince1970) \(method) \(path)\n".utf8)) }
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        let data = try JSONHTTP.send(port: port, method: method, path: path, body: [UInt8](payload))
        let json = (try? JSONSerialization.jsonObject(with: Data(data))) as? [String: Any] ?? [:]
        if let value = json["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "WebDriver \(method) \(path): \(error) — \(value["message"] ?? "")")
        }
        return path == "/session" ? (json["value"] as? [String: Any] ?? [:]) : json
    }
}

/// One JSON request to chromedriver on loopback, `Connection: close`, body read to EOF.
enum JSONHTTP {
    static func send(port: Int, method: String, path: String, body: [UInt8]) throws -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var tv = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0 else { throw WebDriver.Failure(description: "cannot reach chromedriver on port \(port)") }
        let head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
        let request = Array(head.utf8) + body
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, request.count - sent, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw WebDriver.Failure(description: "send to chromedriver failed") }
            sent += n
        }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var headEnd: Int?
        var expected: Int?
        // chromedriver may keep the connection open despite `Connection: close`: stop at Content-Length.
        while true {
            if headEnd == nil, let end = (0..<max(0, response.count - 3)).first(where: { response[$0] == 13 && response[$0 + 1] == 10 && response[$0 + 2] == 13 && response[$0 + 3] == 10 }) {
                headEnd = end
                let head = String(decoding: response[..<end], as: UTF8.self).lowercased()
                if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }) {
                    expected = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
                }
            }
            if let headEnd, let expected, response.count >= headEnd + 4 + expected { break }
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            response.append(contentsOf: chunk[..<n])
        }
        guard let end = headEnd else { throw WebDriver.Failure(description: "no response from chromedriver") }
        let headers = String(decoding: response[..<end], as: UTF8.self).lowercased()
        var payload = Array(response[(end + 4)...])
        if headers.contains("transfer-encoding: chunked") { payload = dechunk(payload) }
        return payload
    }

    private static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [], i = 0
        while i < bytes.count {
            guard let lineEnd = (i..<(bytes.count - 1)).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }),
                  let size = Int(String(decoding: bytes[i..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16), size > 0 else { break }
            out += bytes[(lineEnd + 2)..<min(bytes.count, lineEnd + 2 + size)]
            i = lineEnd + 2 + size + 2
        }
        return out
    }
}
