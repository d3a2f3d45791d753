import Glibc

/// Process-wide logging to standard error; the access log has its own buffered path.
public enum Log {
    private static let lock = Protected(())

    public static func info(_ message: String) { write("INFO", message) }
    public static func error(_ message: String) { write("ERROR", message) }

    private static func write(_ level: String, _ message: String) {
        let line = "\(ISOTime.now()) \(level) \(message)\n"
        lock.withLock { _ in
            line.utf8CString.withUnsafeBufferPointer { p in
                _ = Glibc.write(2, p.baseAddress!, p.count - 1)
            }
        }
    }
}

/// UTC timestamps with milliseconds, for log lines.
enum ISOTime {
    static func now() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = ts.tv_sec
        var tm = tm()
        gmtime_r(&t, &tm)
        let ms = ts.tv_nsec / 1_000_000
        return String(format4(Int(tm.tm_year) + 1900)) + "-" + pad(Int(tm.tm_mon) + 1) + "-" + pad(Int(tm.tm_mday)) +
            "T" + pad(Int(tm.tm_hour)) + ":" + pad(Int(tm.tm_min)) + ":" + pad(Int(tm.tm_sec)) +
            "." + pad3(ms) + "Z"
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private static func pad3(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }
    private static func format4(_ n: Int) -> String { "\(n)" }
}
