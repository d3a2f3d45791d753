import CEpoll
import Glibc

/// Which requests are being handled right now, for the crash report a trapping worker writes.
enum InFlight {
    static func claim(slot: Int) { kyodo_inflight_claim(Int32(truncatingIfNeeded: slot)) }
    static func begin(_ requestID: String) { requestID.withCString { kyodo_inflight_begin($0) } }
    static func end() { kyodo_inflight_end() }
}

/// The parts of nginx's master/worker pattern that need the C library: a listening socket that
/// survives `exec` into a new worker, a worker that ends with its supervisor, a crash report.
public enum Supervision {
    /// Binds `host:port` for a supervisor to hand to its workers (inherited across exec).
    public static func bindInheritableListener(host: String, port: Int) throws -> (fd: Int32, port: Int) {
        let (fd, bound) = try Socket.listen(host: host, port: port)
        let flags = fcntl(fd, F_GETFD)
        _ = fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC)
        return (fd, bound)
    }

    /// In the worker: report the requests in flight on a fatal signal, and end when the
    /// supervisor ends (so an orphaned worker never keeps the port).
    public static func prepareWorker() {
        kyodo_install_crash_handler()
        _ = kyodo_die_with_parent(SIGTERM)
    }
}
