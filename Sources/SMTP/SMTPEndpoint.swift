import Foundation

/// Where and how to send mail, from `smtp://user:pass@host:port?tls=auto`:
/// - `smtp://` upgrades with STARTTLS when the server offers it (`tls=auto`, the default),
///   `tls=required` refuses to go on without it, `tls=off` never asks;
/// - `smtps://` speaks TLS from the first byte (port 465).
/// User and password are percent-decoded (`%40` for an `@` in a user name).
public struct SMTPEndpoint: Sendable, Equatable {
    public enum Security: String, Sendable {
        case off, auto, required, implicit
    }

    public var host: String
    public var port: Int
    public var user: String?
    public var password: String?
    public var security: Security

    public init(host: String, port: Int = 25, user: String? = nil, password: String? = nil, security: Security = .auto)
    {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.security = security
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public init(url text: String) throws {
        let scheme: String
        var rest: Substring
        if text.hasPrefix("smtp://") {
            scheme = "smtp"
            rest = text.dropFirst(7)
        } else if text.hasPrefix("smtps://") {
            scheme = "smtps"
            rest = text.dropFirst(8)
        } else {
            throw Invalid(description: "the mail server URL must start with smtp:// or smtps://")
        }
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if let at = rest.lastIndex(of: "@") {
            let info = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = info.firstIndex(of: ":") {
                user = String(info[..<colon]).removingPercentEncoding
                password = String(info[info.index(after: colon)...]).removingPercentEncoding
            } else {
                user = String(info).removingPercentEncoding
            }
            if user == nil { throw Invalid(description: "the mail server URL has a badly encoded user or password") }
        }
        var hostPart = rest
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                throw Invalid(description: "unclosed [ in the mail server host")
            }
            hostPart = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = rest.lastIndex(of: ":") {
            hostPart = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard !hostPart.isEmpty, !hostPart.contains(where: { $0 == "/" || $0 == " " }) else {
            throw Invalid(description: "the mail server URL has no host")
        }
        host = String(hostPart)
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p) else {
                throw Invalid(description: "the mail server port \(portText) is not a port number")
            }
            port = p
        } else {
            port = scheme == "smtps" ? 465 : 25
        }
        security = scheme == "smtps" ? .implicit : .auto
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == "tls" else {
                throw Invalid(description: "unknown mail server option \(pair)")
            }
            guard scheme == "smtp", let s = Security(rawValue: parts[1]), s != .implicit else {
                throw Invalid(description: "tls= takes auto, required or off (with smtp://)")
            }
            security = s
        }
    }

    /// The URL without the password, for logs and the mail queue page.
    public var redacted: String {
        let scheme = security == .implicit ? "smtps" : "smtp"
        let who = user.map { "\($0)@" } ?? ""
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let tls = security == .auto || security == .implicit ? "" : "?tls=\(security.rawValue)"
        return "\(scheme)://\(who)\(shownHost):\(port)\(tls)"
    }

    /// Loopback needs no TLS for a password: the bytes never leave the machine.
    var isLoopback: Bool { host == "localhost" || host == "::1" || host.hasPrefix("127.") }
}
