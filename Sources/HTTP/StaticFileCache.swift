import Glibc

/// Remembers resolved paths and the bytes of small files, so a CSS or JS request costs one
/// `stat` instead of a realpath walk, an open and a sendfile. An entry is trusted only while the
/// file's size and modification time are unchanged.
final class StaticFileCache: Sendable {
    struct Entry: Sendable {
        let resolved: String
        let size: Int
        let mtime: timespec
        let etag: String
        let bytes: [UInt8]?
    }

    private static let maxFileBytes = 256 * 1024
    private static let maxTotalBytes = 32 * 1024 * 1024
    private let state = Protected<(entries: [String: Entry], bytes: Int)>(([:], 0))

    func lookup(_ candidate: String) -> Entry? {
        guard let entry = state.read({ $0.entries[candidate] }) else { return nil }
        var info = stat()
        guard stat(entry.resolved, &info) == 0, Int(info.st_size) == entry.size,
              info.st_mtim.tv_sec == entry.mtime.tv_sec, info.st_mtim.tv_nsec == entry.mtime.tv_nsec
        else {
            state.withLock { s in
                if let old = s.entries.removeValue(forKey: candidate) { s.bytes -= old.bytes?.count ?? 0 }
            }
            return nil
        }
        return entry
    }

    /// Reads metadata (and content when small) of a resolved regular file; nil if it is not one.
    func load(_ candidate: String, resolved: String) -> Entry? {
        var info = stat()
        guard stat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        let etag = "\"\(String(size, radix: 16))-\(String(info.st_mtim.tv_sec, radix: 16))\(String(info.st_mtim.tv_nsec, radix: 16))\""
        let bytes = size <= Self.maxFileBytes ? Self.read(resolved, size: size) : nil
        let entry = Entry(resolved: resolved, size: size, mtime: info.st_mtim, etag: etag, bytes: bytes)
        state.withLock { s in
            let added = bytes?.count ?? 0
            guard s.bytes + added <= Self.maxTotalBytes else { return }
            if let old = s.entries.updateValue(entry, forKey: candidate) { s.bytes -= old.bytes?.count ?? 0 }
            s.bytes += added
        }
        return entry
    }

    private static func read(_ path: String, size: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, size - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            offset += n
        }
        return bytes
    }
}
