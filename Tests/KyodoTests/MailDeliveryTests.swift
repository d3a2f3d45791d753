import Foundation
import SMTP
import Testing

@testable import Kyodo

/// Mail from the outbox to a real SMTP server over loopback: bytes on the wire, encodings read back
/// by Python's `email` package, STARTTLS with certificate checks, AUTH, the server down then up,
/// permanent refusals and the queue page.
@Suite struct MailDeliveryTests {
    static let subject = "【市民協働ポータル】申請が差し戻されました：ふれあいサロン拡充事業（令和8年度・地域の居場所づくり）"

    static func app(_ server: SMTPTestServer, url: String? = nil, caFile: String? = nil) throws -> TestApp {
        try TestApp { config in
            config.smtp = try? SMTPEndpoint(url: url ?? "smtp://127.0.0.1:\(server.port)")
            config.smtpCAFile = caFile
            config.smtpTimeout = 5
            config.mailFrom = "kyodo@city.aoba.example.jp"
        }
    }

    static func enqueue(_ app: TestApp, to: String = "npo@example.jp", subject: String = subject, body: String) throws {
        try app.services.database.write {
            try Outbox.enqueue($0, to: to, subject: subject, body: body, now: app.services.now())
        }
    }

    @Test func encodedSubjects_roundTripThroughPythonsParser_andLinesStayShort() throws {
        let message = MailMessage(
            fromAddress: "kyodo@city.aoba.example.jp", fromName: "青葉市 市民協働ポータル",
            to: "npo@example.jp", subject: Self.subject, body: "本文です。\n二行目 ü\n", messageID: "abc@aoba",
            date: Date(timeIntervalSince1970: 1_796_000_000))
        let raw = message.rendered()
        #expect(raw.contains("Subject: =?UTF-8?B?"))
        #expect(raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        // Every encoded word is at most 75 characters and holds whole characters (RFC 2047 §2, §5).
        for word in raw.split(whereSeparator: { $0 == " " || $0 == "\r\n" }) where word.hasPrefix("=?UTF-8?B?") {
            #expect(word.count <= 75)
            let payload = word.dropFirst(10).dropLast(2)
            #expect(Data(base64Encoded: String(payload)).flatMap { String(data: $0, encoding: .utf8) } != nil)
        }
        let directory = NSTemporaryDirectory()
        let parsed = try SMTPTestServer.parse(raw, in: directory)
        #expect(parsed.contains("Subject: " + Self.subject), "\(parsed)")
        #expect(parsed.contains("From: 青葉市 市民協働ポータル <kyodo@city.aoba.example.jp>"))
        #expect(parsed.contains("Message-ID: <abc@aoba>"))
        #expect(parsed.contains("Date-ok: 9:00:00"))
        #expect(parsed.contains("Body: 本文です。\n二行目 ü"))
    }

    @Test func deliversWithSTARTTLSAndAuthPlain_verifyingTheCertificate() throws {
        let directory = NSTemporaryDirectory() + "kyodo-tls-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tls = try SMTPTestServer.certificate(in: directory)
        let server = try SMTPTestServer(tls: tls, auth: ("kyodo@aoba", "p@ss word"))
        let url = "smtp://kyodo%40aoba:p%40ss%20word@localhost:\(server.port)?tls=required"
        let app = try Self.app(server, url: url, caFile: tls.0)
        try Self.enqueue(app, body: "いつもお世話になっております。\n.これはドットで始まる行\n")
        #expect(try MailDelivery.run(app.services, now: app.services.now()) == .init(sent: 1, failed: 0))
        let got = try server.received()
        #expect(got.count == 1)
        #expect(got.first?.envelope["tls"] as? Bool == true)
        #expect(got.first?.envelope["user"] as? String == "kyodo@aoba")
        #expect(got.first?.envelope["to"] as? [String] == ["<npo@example.jp>"])
        #expect(got.first?.envelope["from"] as? String == "<kyodo@city.aoba.example.jp>")
        let parsed = try SMTPTestServer.parse(got.first?.raw ?? "", in: directory)
        #expect(parsed.contains("Subject: " + Self.subject))
        #expect(parsed.contains("Body: いつもお世話になっております。\n.これはドットで始まる行"))
        #expect(
            try app.count(
                "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL AND message_id LIKE '%@city.aoba.example.jp'")
                == 1)

        // Without the CA file the self-signed certificate is refused: nothing is sent in clear.
        let untrusting = try Self.app(server, url: url)
        try Self.enqueue(untrusting, body: "x")
        #expect(try MailDelivery.run(untrusting.services, now: untrusting.services.now()) == .init(sent: 0, failed: 0))
        #expect(
            try untrusting.count("SELECT count(*) FROM outbox WHERE last_error LIKE '%TLS%' AND sent_at IS NULL") == 1)
        #expect(try server.received().count == 1)
    }

    @Test func authLogin_andDotStuffing_onTheWire() throws {
        let server = try SMTPTestServer(auth: ("office", "secret"), onlyLogin: true)
        let app = try Self.app(server, url: "smtp://office:secret@127.0.0.1:\(server.port)")
        try Self.enqueue(app, subject: "Plain subject", body: "Line one\n.hidden line\n..two dots\n.\nend")
        #expect(try MailDelivery.run(app.services, now: app.services.now()).sent == 1)
        let got = try server.received()
        #expect(got.first?.envelope["user"] as? String == "office")
        // The server un-stuffs: what it stored is the original text, including a lone ".".
        #expect(got.first?.raw.contains("\r\nLine one\r\n.hidden line\r\n..two dots\r\n.\r\nend\r\n") == true)
        #expect(got.first?.raw.contains("Subject: Plain subject\r\n") == true)
        #expect(MailMessage.dotStuffed("a\r\n.b\r\n").hasSuffix("a\r\n..b\r\n.\r\n"))
    }

    @Test func serverDown_thenUp_nothingLost_andEachSentOnce() throws {
        let server = try SMTPTestServer()
        server.stop()
        let app = try Self.app(server)
        try Self.enqueue(app, to: "a@example.jp", body: "一通目")
        try Self.enqueue(app, to: "b@example.jp", body: "二通目")
        let start = app.services.now()
        #expect(try MailDelivery.run(app.services, now: start) == .init(sent: 0, failed: 0))
        #expect(
            try app.count(
                "SELECT count(*) FROM outbox WHERE attempts = 1 AND next_attempt_at IS NOT NULL AND last_error <> ''")
                == 2)
        // Not due again yet: nothing is tried.
        #expect(try MailDelivery.run(app.services, now: start.addingTimeInterval(30)) == .init(sent: 0, failed: 0))
        #expect(try app.count("SELECT count(*) FROM outbox WHERE attempts = 1") == 2)
        // Still down a minute later: the wait doubles.
        #expect(try MailDelivery.run(app.services, now: start.addingTimeInterval(61)).sent == 0)
        #expect(MailDelivery.wait(afterAttempt: 2) == 120 && MailDelivery.wait(afterAttempt: 20) == 3600)
        try server.start()
        #expect(try MailDelivery.run(app.services, now: start.addingTimeInterval(200)).sent == 2)
        #expect(try MailDelivery.run(app.services, now: start.addingTimeInterval(4000)).sent == 0)
        let got = try server.received()
        #expect(got.count == 2)
        #expect(got.map { $0.envelope["to"] as? [String] ?? [] } == [["<a@example.jp>"], ["<b@example.jp>"]])
    }

    @Test func permanentRefusal_isMarkedFailed_shownToTheAdmin_andCanBeSentAgain() throws {
        let server = try SMTPTestServer()
        let app = try Self.app(server)
        try Self.enqueue(app, to: "reject@example.jp", body: "届かない")
        try Self.enqueue(app, to: "ok@example.jp", body: "届く")
        #expect(try MailDelivery.run(app.services, now: app.services.now()) == .init(sent: 1, failed: 1))
        #expect(try server.received().count == 1)
        try app.createUser("admin@example.jp", roles: [.admin])
        let admin = app.browser()
        try admin.signIn("admin@example.jp", "correct-horse-battery")
        let failed = try admin.get("/admin/mail?state=failed")
        #expect(failed.status == 200)
        #expect(failed.body.contains("reject@example.jp") && failed.body.contains("550"))
        #expect(failed.body.contains("127.0.0.1:\(server.port)"))
        let id = try app.count("SELECT id FROM outbox WHERE to_address = 'reject@example.jp'")
        #expect(try admin.post("/admin/mail/\(id)/retry", []).status == 303)
        #expect(try app.count("SELECT count(*) FROM outbox WHERE failed_at IS NULL AND sent_at IS NULL") == 1)
        #expect(try admin.post("/admin/mail/\(id)/retry", []).status == 404)
        #expect(try app.count("SELECT count(*) FROM audit_event WHERE action = 'mail.retry'") == 1)
        let sent = try admin.get("/admin/mail?state=sent")
        #expect(sent.body.contains("ok@example.jp") && !sent.body.contains("reject@example.jp"))
    }
}
