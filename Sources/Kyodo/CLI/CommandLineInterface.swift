import Foundation
import HTTP
import SQLite

/// `kyodo serve | migrate | seed-demo | backup`: each takes `--db PATH` and `--help`; mistakes go
/// to stderr with exit status 2, failures with 1.
public enum CommandLineInterface {
    static let usage = """
        usage: kyodo <command> [options]

        commands:
          serve      start the web server (creates and migrates the database on first start)
          migrate    apply pending migrations; --status lists them instead
          seed-demo  load demo data (Japanese names, a full fiscal year) into an empty database
          backup     write a consistent copy of the live database and its uploaded files:
                     kyodo backup PATH (the files go to PATH-files/)
          remind     send the deadline reminders due now and the mail waiting in the outbox
                     (for cron; serve also does both on its own)
          create-user  add an account: --email E --name N --role admin[,staff,department,council]
                     [--department D]; the password is asked for, or read from stdin

        common options:
          --db PATH        database file (default ./data/kyodo.db, env KYODO_DB)
          --root DIR       where Templates/, Public/ and Migrations/ are (default ., env KYODO_ROOT)
          --help           show help for a command

        serve options:
          --host HOST      address to listen on (default 127.0.0.1, env KYODO_HOST)
          --port PORT      port, 0 for any free one (default 8080, env KYODO_PORT)
          --data-dir DIR   uploaded files (default: the database's folder, env KYODO_DATA_DIR)
          --dev            reload templates on change, strict template variables (env KYODO_DEV=1)
          --secure-cookies mark cookies Secure, when served over HTTPS (env KYODO_SECURE_COOKIES=1)
          --quiet          no access log
          --single-process serve without the supervisor that restarts a crashed worker
          --max-connections N  open connections before new ones get 503 (default 10000)
          --max-connections-per-address N  the same per client address (default 256; 0 = none, e.g. behind a proxy)
          --trusted-proxy CIDRS  believe X-Forwarded-For only from these proxies (e.g. 10.0.0.0/8,::1;
                           env KYODO_TRUSTED_PROXY); sign-in limits and the audit trail then see the client
          --smtp-url URL   mail server, smtp://user:pass@host:587 (STARTTLS when offered; ?tls=required|off)
                           or smtps://…:465; without one mail waits in the outbox (env KYODO_SMTP_URL)
          --smtp-ca-file F trust this CA for the mail server's certificate (env KYODO_SMTP_CA_FILE)
          --mail-from ADDR sender address of every mail (default no-reply@localhost, env KYODO_MAIL_FROM)
          --mail-retention-days N  keep delivered mail this long in the outbox (default 90)
        """

    /// Runs a command; returns the process exit status.
    public static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        guard let command = arguments.first, command != "--help", command != "-h", command != "help" else {
            print(usage)
            return arguments.isEmpty ? 2 : 0
        }
        do {
            let args = try Arguments(Array(arguments.dropFirst()),
                                     valued: ["db", "root", "host", "port", "data-dir", "max-connections", "max-connections-per-address",
                                              "email", "name", "role", "department", "smtp-url", "smtp-ca-file", "mail-from",
                                              "mail-retention-days", "trusted-proxy"],
                                     switches: ["dev", "secure-cookies", "quiet", "status", "single-process"])
            if args.has("help") { print(usage); return 0 }
            let config = try makeConfig(args, environment: environment)
            switch command {
            case "serve": return try serve(config, arguments: Array(arguments.dropFirst()), environment: environment)
            case "migrate": try checkResources(config); return try migrate(config, statusOnly: args.has("status"))
            case "seed-demo": try checkResources(config); return try seedDemo(config)
            case "create-user": return try CreateUserCommand.run(args, config)
            case "remind": try checkResources(config); return try remind(config)
            case "backup":
                guard let path = args.positionals.first else { throw CLIError("backup needs a destination: kyodo backup PATH") }
                return try backup(config, to: path)
            default: throw CLIError("unknown command \(command)")
            }
        } catch let error as CLIError {
            printError("kyodo: \(error.description)\n\(usage)")
            return 2
        } catch {
            printError("kyodo: \(error)")
            return 1
        }
    }

    static func makeConfig(_ args: Arguments, environment: [String: String]) throws -> AppConfig {
        var config = AppConfig()
        try config.apply(environment: environment)
        if let v = args["db"] {
            config.databasePath = v
            // Files live next to their database unless told otherwise: a database elsewhere does
            // not scatter its uploads into the current folder's ./data.
            if args["data-dir"] == nil && environment["KYODO_DATA_DIR"] == nil {
                let folder = (v as NSString).deletingLastPathComponent
                config.dataDirectory = folder.isEmpty ? "." : folder
            }
        }
        if let v = args["root"] { config.resourceRoot = v }
        if let v = args["host"] { config.host = v }
        if let v = args["port"] { config.port = try AppConfig.port(v, source: "--port") }
        if let v = args["data-dir"] { config.dataDirectory = v }
        if args.has("dev") { config.development = true }
        if args.has("secure-cookies") { config.secureCookies = true }
        if args.has("quiet") { config.accessLog = false }
        if let v = args["max-connections"] {
            guard let n = Int(v), n > 0 else { throw CLIError("--max-connections: \(v) is not a positive number") }
            config.maxConnections = n
        }
        if let v = args["max-connections-per-address"] {
            guard let n = Int(v), n >= 0 else { throw CLIError("--max-connections-per-address: \(v) is not a number") }
            config.maxConnectionsPerAddress = n
        }
        if let v = args["trusted-proxy"] { config.trustedProxies = try AppConfig.proxies(v, source: "--trusted-proxy") }
        if let v = args["smtp-url"] { config.smtp = try AppConfig.smtp(v, source: "--smtp-url") }
        if let v = args["smtp-ca-file"] { config.smtpCAFile = v }
        if let v = args["mail-from"] {
            guard v.contains("@"), !v.contains(where: { $0 == " " || $0 == "<" || $0 == ">" }) else {
                throw CLIError("--mail-from: \(v) is not a mail address")
            }
            config.mailFrom = v
        }
        if let v = args["mail-retention-days"] {
            guard let n = Int(v), (1...3650).contains(n) else { throw CLIError("--mail-retention-days: \(v) is not 1–3650") }
            config.mailRetentionDays = n
        }
        return config
    }

    /// Without `KYODO_WORKER_FD` this process is the supervisor (see `Supervisor`); with it, the
    /// worker that serves the supervisor's socket. `--single-process` serves without a supervisor.
    static func serve(_ config: AppConfig, arguments: [String], environment: [String: String]) throws -> Int32 {
        try checkResources(config)
        var config = config
        if let fd = environment[Supervisor.workerFDVariable].flatMap({ Int32($0) }) {
            Supervision.prepareWorker()
            config.inheritedListener = fd
        } else if !arguments.contains("--single-process") {
            return try Supervisor.run(config, arguments: arguments)
        }
        Server.blockShutdownSignals()
        let app = try App(config: config)
        try app.start()
        if config.inheritedListener == nil {
            let shownHost = config.host.contains(":") ? "[\(config.host)]" : config.host
            Log.info("Kyodo listening on http://\(shownHost):\(app.port) (database \(config.databasePath)\(config.development ? ", dev mode" : ""))")
        } else {
            Log.info("worker \(getpid()) serving")
        }
        app.server.runUntilSignalled()
        return 0
    }

    /// Says plainly what is missing when `kyodo` runs outside the project folder, instead of a
    /// file-system error dump from deep inside start-up.
    static func checkResources(_ config: AppConfig) throws {
        let missing = [config.templatesDirectory, config.migrationsDirectory, config.publicDirectory].filter {
            var isDirectory: ObjCBool = false
            return !FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) || !isDirectory.boolValue
        }
        guard missing.isEmpty else {
            throw CLIError("cannot find \(missing.joined(separator: ", ")): run kyodo from the project folder, "
                           + "or pass --root DIR (or KYODO_ROOT) naming the folder that holds Templates/, Public/ and Migrations/")
        }
    }

    static func migrate(_ config: AppConfig, statusOnly: Bool) throws -> Int32 {
        let directory = (config.databasePath as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let db = try Database(path: config.databasePath)
        let migrator = try Migrator(directory: config.migrationsDirectory)
        if statusOnly {
            for status in try migrator.status(db) {
                print("\(status.appliedAt.map { "applied \($0)" } ?? "pending")  \(status.migration.name)")
            }
        } else {
            let applied = try migrator.migrate(db)
            print(applied.isEmpty ? "database is up to date" : applied.map { "applied \($0)" }.joined(separator: "\n"))
        }
        return 0
    }

    static func seedDemo(_ config: AppConfig) throws -> Int32 {
        let services = try AppServices(config: config)
        let summary = try services.database.write { try DemoData.load(into: $0, services: services) }
        print("demo data loaded into \(config.databasePath): \(summary)")
        return 0
    }

    /// Reminders once, from cron: each is recorded when sent, so overlapping with the server's own run sends nothing twice.
    static func remind(_ config: AppConfig) throws -> Int32 {
        let services = try AppServices(config: config)
        let sent = try ReminderJob.run(services, now: services.now())
        let queued = try NotificationMailer.run(services, now: services.now())
        let delivered = try MailDelivery.run(services, now: services.now())
        print("\(sent) reminders, \(queued) mails queued, \(delivered.sent) delivered, \(delivered.failed) not delivered")
        return 0
    }

    static func backup(_ config: AppConfig, to path: String) throws -> Int32 {
        guard FileManager.default.fileExists(atPath: config.databasePath) else { throw CLIError("no database at \(config.databasePath)") }
        guard !FileManager.default.fileExists(atPath: path) else { throw CLIError("\(path) already exists; choose a new file") }
        guard !FileManager.default.fileExists(atPath: path + "-files") else { throw CLIError("\(path)-files already exists; choose a new name") }
        try DatabasePool(path: config.databasePath).backup(to: path)
        // Then the files: stored by content and never changed, so a file the copied database names
        // is there (one is removed only an hour after nothing names it). Hard links where the
        // file system allows, copies otherwise.
        let copied = try FileStore(dataDirectory: config.dataDirectory).copyStored(to: path + "-files")
        print("backup written to \(path) and \(path)-files/ (\(copied) files)")
        return 0
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
