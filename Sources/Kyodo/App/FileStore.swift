import Crypto
import Foundation

/// Uploaded files under the data directory, named by the SHA-256 of their content (so the same
/// file uploaded twice is stored once), outside `Public/` and only reachable through a route
/// that checks who is asking.
public struct FileStore: Sendable {
    public let root: String

    public init(dataDirectory: String) { root = dataDirectory + "/files" }

    /// Where uploads wait while their request is parsed, on the same file system as `root`
    /// so keeping one is a rename.
    public var temporaryDirectory: String { root + "/tmp" }

    public func prepare() throws {
        try FileManager.default.createDirectory(atPath: temporaryDirectory, withIntermediateDirectories: true)
    }

    public func path(for sha256: String) -> String { root + "/" + sha256.prefix(2) + "/" + sha256 }

    /// Moves an uploaded temporary file into the store; returns its hash.
    public func keep(_ temporaryPath: String) throws -> String {
        let sha = try Self.hash(file: temporaryPath)
        let destination = path(for: sha)
        try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: destination) {
            try FileManager.default.removeItem(atPath: temporaryPath)
        } else {
            try FileManager.default.moveItem(atPath: temporaryPath, toPath: destination)
        }
        return sha
    }

    static func hash(file: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? handle.close() }
        var hasher = StreamingSHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update([UInt8](chunk)) }
        return hasher.finish()
    }

    /// The first bytes of a file, to check it is what its name claims.
    public static func head(_ path: String, count: Int = 8) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
    }
}
