import Foundation
import SMTP

/// Everything `kyodo` needs to start, from flags, then `KYODO_*` environment variables, then defaults.
public struct AppConfig: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var databasePath = "./data/kyodo.db"
    /// Uploaded files and other data that is not in SQLite.
    public var dataDirectory = "./data"
    /// Where `Templates/`, `Public/` and `Migrations/` are.
    public var resourceRoot = "."
    /// Reload templates on change and fail loudly on a missing template variable.
    public var development = false
    /// Mark cookies `Secure` (behind HTTPS).
    public var secureCookies = false
    public var accessLog = true
    /// Where access-log lines go (standard output unless a test captures them).
    public var accessLogDescriptor: Int32 = 1
    /// Open connections before new ones get a 503.
    public var maxConnections = 10_000
    /// Open connections from one client address (0: no limit, e.g. behind a reverse proxy).
    public var maxConnectionsPerAddress = 256
    /// Bytes of files (documents and attachments) one organisation may keep.
    public var uploadQuotaBytes = 200 * 1024 * 1024
    /// Render-time strictness for templates; tests turn it on.
    public var strictTemplates = false
    /// Adds `X-Kyodo-Statements` (SQL statements the request ran) to every response; tests use it
    /// to check that list pages run a fixed number of queries whatever their length.
    public var countStatements = false
    /// PBKDF2 work factor for new password hashes; tests lower it to keep the suite fast.
    public var passwordIterations = 600_000
    /// The address people use to reach the site, for links in mail (`KYODO_BASE_URL`).
    public var baseURL = "http://127.0.0.1:8080"
    /// Deadline reminders from the scheduler (hourly); tests run the job themselves.
    public var reminders = true
    /// The mail server (`--smtp-url`, `KYODO_SMTP_URL`); without one, mail waits in the outbox.
    public var smtp: SMTPEndpoint?
    /// A CA certificate file to trust for the mail server's TLS instead of the system's store.
    public var smtpCAFile: String?
    /// Seconds to wait for the mail server on each step.
    public var smtpTimeout = 30.0
    /// The sender of every mail (`--mail-from`, `KYODO_MAIL_FROM`).
    public var mailFrom = "no-reply@localhost"
    /// Notification mail and SMTP delivery from the scheduler (every few seconds); tests run them.
    public var mailJobs = true
    /// Days delivered mail stays in the outbox before the maintenance job removes it.
    public var mailRetentionDays = 90
    /// The open-data licence line (`KYODO_OPEN_DATA_LICENCE`); nil shows CC BY 4.0 in the page's language.
    public var openDataLicence: String?
    /// Reverse proxies whose `X-Forwarded-For` is believed (`--trusted-proxy`, comma-separated CIDRs);
    /// from anyone else the header is ignored.
    public var trustedProxies: [CIDR] = []
    /// Set in a supervised worker: the listening socket its supervisor bound.
    public var inheritedListener: Int32?

    public init() {}

    public var templatesDirectory: String { resourceRoot + "/Templates" }
    public var publicDirectory: String { resourceRoot + "/Public" }
    public var migrationsDirectory: String { resourceRoot + "/Migrations" }

    /// Applies `KYODO_HOST`, `KYODO_PORT`, `KYODO_DB`, `KYODO_DATA_DIR`, `KYODO_ROOT`, `KYODO_DEV`,
    /// `KYODO_SECURE_COOKIES`, `KYODO_BASE_URL`, `KYODO_SMTP_URL`, `KYODO_SMTP_CA_FILE`, `KYODO_MAIL_FROM`.
    public mutating func apply(environment: [String: String]) throws {
        if let v = environment["KYODO_HOST"] { host = v }
        if let v = environment["KYODO_PORT"] { port = try Self.port(v, source: "KYODO_PORT") }
        if let v = environment["KYODO_DB"] { databasePath = v }
        if let v = environment["KYODO_DATA_DIR"] { dataDirectory = v }
        if let v = environment["KYODO_ROOT"] { resourceRoot = v }
        if let v = environment["KYODO_DEV"] { development = v == "1" || v == "true" }
        if let v = environment["KYODO_SECURE_COOKIES"] { secureCookies = v == "1" || v == "true" }
        if let v = environment["KYODO_SMTP_URL"], !v.isEmpty { smtp = try Self.smtp(v, source: "KYODO_SMTP_URL") }
        if let v = environment["KYODO_SMTP_CA_FILE"], !v.isEmpty { smtpCAFile = v }
        if let v = environment["KYODO_MAIL_FROM"], !v.isEmpty { mailFrom = v }
        if let v = environment["KYODO_OPEN_DATA_LICENCE"], !v.isEmpty { openDataLicence = v }
        if let v = environment["KYODO_TRUSTED_PROXY"], !v.isEmpty { trustedProxies = try Self.proxies(v, source: "KYODO_TRUSTED_PROXY") }
        if let v = environment["KYODO_BASE_URL"] { baseURL = v.hasSuffix("/") ? String(v.dropLast()) : v }
    }

    static func proxies(_ text: String, source: String) throws -> [CIDR] {
        try text.split(separator: ",").map {
            let item = $0.trimmingCharacters(in: .whitespaces)
            guard let cidr = CIDR(item) else { throw CLIError("\(source): \(item) is not an address or CIDR range") }
            return cidr
        }
    }

    static func smtp(_ text: String, source: String) throws -> SMTPEndpoint {
        do { return try SMTPEndpoint(url: text) } catch { throw CLIError("\(source): \(error)") }
    }

    static func port(_ text: String, source: String) throws -> Int {
        guard let p = Int(text), (0...65535).contains(p) else { throw CLIError("\(source): \(text) is not a port number (0–65535)") }
        return p
    }
}

/// A command-line mistake: printed to stderr, exit status 2.
public struct CLIError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
