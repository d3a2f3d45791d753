import Foundation
import Glibc
import HTTP

/// `kyodo serve` as a small supervisor and one serving worker, like nginx's master and worker.
/// The supervisor binds the port once and starts the worker as a fresh process of the same
/// binary, which serves the inherited socket. If the worker dies for any reason — a trap, an
/// out-of-memory kill, `kill -9` — the supervisor starts a new one on the same socket within a
/// second; connections queued in the socket's backlog meanwhile are served by the new worker.
/// SIGTERM or SIGINT to the supervisor stops the worker gracefully and then itself.
enum Supervisor {
    /// Tells a started process it is the worker, and which descriptor is the listening socket.
    static let workerFDVariable = "KYODO_WORKER_FD"

    static func run(_ config: AppConfig, arguments: [String]) throws -> Int32 {
        let signals = Self.signals([SIGINT, SIGTERM, SIGCHLD])
        var blocked = signals
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        let (fd, port) = try Supervision.bindInheritableListener(host: config.host, port: config.port)
        let shownHost = config.host.contains(":") ? "[\(config.host)]" : config.host
        Log.info("Kyodo listening on http://\(shownHost):\(port) (database \(config.databasePath)"
                 + "\(config.development ? ", dev mode" : ""); supervisor pid \(getpid()))")
        var environment = ProcessInfo.processInfo.environment
        environment[workerFDVariable] = String(fd)
        var worker = try spawn(arguments: ["serve"] + arguments, environment: environment)
        var startedAt = Date()
        var first = true
        var recentCrashes: [Date] = []
        while true {
            var info = siginfo_t()
            var timeout = timespec(tv_sec: 1, tv_nsec: 0)
            var set = signals
            let received = sigtimedwait(&set, &info, &timeout)
            if received == SIGINT || received == SIGTERM {
                Log.info("supervisor received signal \(received), stopping worker \(worker)")
                kill(worker, SIGTERM)
                var status: Int32 = 0
                while waitpid(worker, &status, 0) < 0 && errno == EINTR {}
                return 0
            }
            var status: Int32 = 0
            let ended = waitpid(worker, &status, WNOHANG)
            guard ended == worker else { continue }
            let signal = status & 0x7F, code = (status >> 8) & 0xFF
            // A worker that cannot start (bad template, migration error) would fail the same way
            // again: give up with its status instead of restarting it forever.
            if first && signal == 0 && Date().timeIntervalSince(startedAt) < 5 {
                Log.error("worker exited with status \(code) while starting; not restarting")
                return code == 0 ? 1 : code
            }
            Log.error("worker \(worker) ended (" + (signal != 0 ? "signal \(signal)" : "status \(code)") + "); starting a new one")
            let now = Date()
            recentCrashes = recentCrashes.filter { now.timeIntervalSince($0) < 10 } + [now]
            // A crash loop backs off to one restart a second so the log stays readable.
            usleep(recentCrashes.count > 5 ? 1_000_000 : 100_000)
            worker = try spawn(arguments: ["serve"] + arguments, environment: environment)
            startedAt = Date()
            first = false
        }
    }

    private static func signals(_ list: [Int32]) -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for s in list { sigaddset(&set, s) }
        return set
    }

    /// Starts this binary again with the given arguments; the child starts with no signals blocked.
    private static func spawn(arguments: [String], environment: [String: String]) throws -> pid_t {
        let path = "/proc/self/exe"
        let argv = ([CommandLine.arguments.first ?? "kyodo"] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = signals([SIGINT, SIGTERM, SIGCHLD, SIGPIPE])
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, nil, &attributes, argv, envp)
        guard rc == 0 else { throw CLIError("cannot start the worker process: \(String(cString: strerror(rc)))") }
        Log.info("worker pid \(pid) started")
        return pid
    }
}
