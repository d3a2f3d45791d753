import Glibc

/// IMF-fixdate (RFC 9110 §5.6.7), recomputed at most once a second and shared by all threads.
public enum HTTPDate {
    private static let cache = Protected<(second: Int, text: String)>((-1, ""))

    static func now() -> String {
        let second = time(nil)
        if let text = cache.read({ $0.second == second ? $0.text : nil }) { return text }
        let text = format(second)
        cache.withLock { $0 = (second, text) }
        return text
    }

    public static func format(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var tm = tm()
        gmtime_r(&t, &tm)
        var buffer = [Int8](repeating: 0, count: 64)
        let n = strftime(&buffer, 64, "%a, %d %b %Y %H:%M:%S GMT", &tm)
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Monotonic seconds, for deadlines and durations (wall-clock jumps must not expire connections).
@inline(__always) func monotonicNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
