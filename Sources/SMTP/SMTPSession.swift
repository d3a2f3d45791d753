import Foundation

/// Why a mail did not go. Transient failures (no connection, 4xx, a TLS or sign-in problem that an
/// operator can fix) are retried later; permanent ones (the server refused this recipient or
/// this message with 5xx) are not.
public struct SMTPError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable { case transient, permanent }
    public let kind: Kind
    public let description: String
    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

/// One conversation with the mail server (RFC 5321): greeting, EHLO, STARTTLS when offered (or
/// required), AUTH PLAIN or LOGIN, then any number of messages, then QUIT.
public final class SMTPSession {
    private let transport: SMTPTransport
    private var extensions: [String] = []

    public struct Reply {
        public let code: Int
        public let lines: [String]
        var text: String { "\(code) " + lines.joined(separator: " / ") }
    }

    /// Connects and gets ready to send; throws `SMTPError`.
    public init(_ endpoint: SMTPEndpoint, heloName: String, caFile: String? = nil, timeout: Double = 30) throws {
        transport = try SMTPTransport(host: endpoint.host, port: endpoint.port, timeout: timeout)
        if endpoint.security == .implicit { try transport.startTLS(host: endpoint.host, caFile: caFile) }
        try expect(try reply(), 220, during: "greeting", permanent: false)
        try hello(heloName)
        if endpoint.security != .off && endpoint.security != .implicit {
            if offers("STARTTLS") {
                try expect(try command("STARTTLS"), 220, during: "STARTTLS", permanent: false)
                try transport.startTLS(host: endpoint.host, caFile: caFile)
                try hello(heloName)
            } else if endpoint.security == .required {
                throw SMTPError(.transient, "the mail server does not offer STARTTLS, and tls=required")
            }
        }
        if let user = endpoint.user {
            guard transport.isEncrypted || endpoint.isLoopback else {
                throw SMTPError(.transient, "refusing to send the mail password unencrypted to \(endpoint.host)")
            }
            try authenticate(user: user, password: endpoint.password ?? "")
        }
    }

    private func hello(_ name: String) throws {
        let answer = try command("EHLO \(name)")
        try expect(answer, 250, during: "EHLO", permanent: false)
        extensions = answer.lines.dropFirst().map { $0.uppercased() }
    }

    private func offers(_ keyword: String) -> Bool {
        extensions.contains { $0 == keyword || $0.hasPrefix(keyword + " ") }
    }

    /// AUTH mechanisms the server lists after `AUTH`.
    private var mechanisms: [String] {
        extensions.first { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") }
            .map { $0.dropFirst(5).split(separator: " ").map(String.init) } ?? []
    }

    private func authenticate(user: String, password: String) throws {
        let methods = mechanisms
        if methods.contains("PLAIN") {
            let token = Data(("\0" + user + "\0" + password).utf8).base64EncodedString()
            try expect(try command("AUTH PLAIN " + token), 235, during: "AUTH PLAIN", permanent: false)
        } else if methods.contains("LOGIN") {
            try expect(try command("AUTH LOGIN"), 334, during: "AUTH LOGIN", permanent: false)
            try expect(try command(Data(user.utf8).base64EncodedString()), 334, during: "AUTH LOGIN", permanent: false)
            try expect(
                try command(Data(password.utf8).base64EncodedString()), 235, during: "AUTH LOGIN",
                permanent: false)
        } else {
            throw SMTPError(
                .transient, "the mail server offers no AUTH PLAIN or LOGIN (offers: \(methods.joined(separator: " ")))")
        }
    }

    /// Sends one message. A refusal of this message resets the session so the next can go.
    public func send(_ message: MailMessage) throws {
        for address in [message.fromAddress, message.to] where !Self.plausible(address) {
            throw SMTPError(.permanent, "not a usable mail address: \(address)")
        }
        do {
            try expect(try command("MAIL FROM:<\(message.fromAddress)>"), 250, during: "MAIL FROM", permanent: false)
            try expect(try command("RCPT TO:<\(message.to)>"), 250, during: "RCPT TO", permanent: true)
            try expect(try command("DATA"), 354, during: "DATA", permanent: true)
            try transport.write(MailMessage.dotStuffed(message.rendered()))
            try expect(try reply(), 250, during: "end of DATA", permanent: true)
        } catch let error as SMTPError where error.kind == .permanent {
            _ = try? command("RSET")
            throw error
        }
    }

    public func quit() {
        _ = try? command("QUIT")
    }

    /// An address we can put between angle brackets: one @, no spaces, brackets or controls.
    static func plausible(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && address.utf8.count <= 254
            && !address.unicodeScalars.contains {
                $0.value <= 0x20 || $0.value == 0x7F || "<>()[],;:\\\"".unicodeScalars.contains($0)
            }
    }

    private func command(_ line: String) throws -> Reply {
        try transport.write(line + "\r\n")
        return try reply()
    }

    /// Reads a reply, joining `250-` continuation lines (at most 100, so a server cannot keep us reading).
    private func reply() throws -> Reply {
        var lines: [String] = []
        while lines.count < 100 {
            let line = try transport.readLine()
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes.prefix(3), as: UTF8.self)) else {
                throw SMTPError(.transient, "the mail server answered something that is not SMTP")
            }
            lines.append(String(decoding: bytes.dropFirst(4), as: UTF8.self))
            if bytes.count == 3 || bytes[3] != UInt8(ascii: "-") { return Reply(code: code, lines: lines) }
        }
        throw SMTPError(.transient, "the mail server sent an endless reply")
    }

    /// A 5xx is permanent only where it concerns this message; 4xx and anything unexpected is transient.
    private func expect(_ reply: Reply, _ code: Int, during step: String, permanent: Bool) throws {
        guard reply.code != code else { return }
        let kind: SMTPError.Kind = permanent && (500...599).contains(reply.code) ? .permanent : .transient
        throw SMTPError(kind, "\(step): \(reply.text)")
    }
}
