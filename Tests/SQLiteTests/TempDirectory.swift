import Foundation

/// A fresh directory under /tmp, removed when the value goes away.
final class TempDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "kyodo-sqlite-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
    }
}
