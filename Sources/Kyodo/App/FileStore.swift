import Crypto
import Foundation
import HTTP

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
            // Marks the file as in use again, so the sweep of unreferenced files (which leaves
            // files touched within the hour alone) cannot remove it before this upload's row is written.
            try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: destination)
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

    /// Extension → (content type, magic bytes it must start with): PDF, images and Office files.
    static let accepted: [String: (type: String, magic: [[UInt8]])] = [
        "pdf": ("application/pdf", [Array("%PDF".utf8)]),
        "png": ("image/png", [[0x89, 0x50, 0x4E, 0x47]]),
        "jpg": ("image/jpeg", [[0xFF, 0xD8, 0xFF]]), "jpeg": ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [[0x50, 0x4B, 0x03, 0x04]]),
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [[0x50, 0x4B, 0x03, 0x04]]),
        "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", [[0x50, 0x4B, 0x03, 0x04]]),
        "doc": ("application/msword", [[0xD0, 0xCF, 0x11, 0xE0]]), "xls": ("application/vnd.ms-excel", [[0xD0, 0xCF, 0x11, 0xE0]]),
        "ppt": ("application/vnd.ms-powerpoint", [[0xD0, 0xCF, 0x11, 0xE0]]),
    ]

    public enum UploadCheck: Equatable { case accepted(String), wrongContent, unsupported }

    /// The content type to store for an upload, judged by its extension and checked against its
    /// first bytes — never the type the browser claimed.
    public static func contentType(of file: UploadedFile) -> UploadCheck {
        guard let rule = accepted[(file.filename as NSString).pathExtension.lowercased()] else { return .unsupported }
        let head = head(file.path)
        return rule.magic.contains(where: { head.starts(with: $0) }) ? .accepted(rule.type) : .wrongContent
    }

    /// A download response: attachment disposition with an ASCII and a UTF-8 file name (RFC 6266).
    public func download(sha256: String, filename: String, contentType: String, size: Int, isPublic: Bool) throws -> Response {
        let path = path(for: sha256)
        guard FileManager.default.fileExists(atPath: path) else { throw HTTPError(.notFound) }
        var response = Response(status: .ok, headers: HTTPHeaders([("Content-Type", contentType)]), body: .file(path: path, length: size))
        let ascii = String(filename.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0 != "\\" }.map(Character.init))
        response.headers.set("Content-Disposition", "attachment; filename=\"\(ascii.isEmpty ? "document" : ascii)\"; filename*=UTF-8''\(Layout.percentEncode(filename))")
        // A public document may be made private at any moment: shared caches must ask again every time.
        response.headers.set("Cache-Control", isPublic ? "public, no-cache" : "private, no-store")
        return response
    }

    /// The first bytes of a file, to check it is what its name claims.
    public static func head(_ path: String, count: Int = 8) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
    }
}

extension FileStore {
    /// The name an uploaded file is kept and offered under: its last path component, without control
    /// or bidirectional-override characters (U+202E makes "exe.pdf" read as "fdp.exe"), at most 200
    /// characters with its extension kept.
    static func safeFilename(_ raw: String) -> String {
        let last = (raw as NSString).lastPathComponent
        let cleaned = String(last.unicodeScalars.filter { s in
            !(s.value < 0x20 || s.value == 0x7F || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
              || s.value == 0x200E || s.value == 0x200F || s.value == 0x061C)
        }.map(Character.init)).trimmingCharacters(in: .whitespaces)
        let name = cleaned.isEmpty ? "file" : cleaned
        guard name.count > 200 else { return name }
        let ext = (name as NSString).pathExtension
        let keep = ext.isEmpty || ext.count > 16 ? "" : "." + ext
        return String(name.prefix(200 - keep.count)) + keep
    }
}

extension FileStore {
    /// Removes upload temp files left by a worker that died mid-upload. Called when a worker starts
    /// (no upload of this process is in flight then, and each worker has the directory to itself)
    /// with no age, and by the maintenance job with one, so uploads in flight are left alone.
    /// Returns how many were removed.
    @discardableResult
    public func sweepTemporary(olderThan cutoff: Date? = nil) -> Int {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: temporaryDirectory) else { return 0 }
        var removed = 0
        for name in names {
            let path = temporaryDirectory + "/" + name
            if let cutoff, let modified = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified > cutoff {
                continue
            }
            if (try? fm.removeItem(atPath: path)) != nil { removed += 1 }
        }
        return removed
    }
}

extension FileStore {
    /// Removes stored files no row refers to any more (a deleted document, attachment or meeting
    /// material whose content nothing else shares), leaving alone anything touched in the last
    /// hour: an upload in flight keeps its file before its row is written. Returns how many.
    @discardableResult
    public func sweepUnreferenced(keeping referenced: Set<String>, olderThan cutoff: Date) -> Int {
        let fm = FileManager.default
        var removed = 0
        for folder in (try? fm.contentsOfDirectory(atPath: root)) ?? [] where folder.count == 2 {
            let directory = root + "/" + folder
            for name in (try? fm.contentsOfDirectory(atPath: directory)) ?? [] where !referenced.contains(name) {
                let path = directory + "/" + name
                guard let modified = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < cutoff else { continue }
                if (try? fm.removeItem(atPath: path)) != nil { removed += 1 }
            }
        }
        return removed
    }
}

extension FileStore {
    /// Copies every stored file (not upload temp files) into `destination`, keeping the two-letter
    /// folders, so `destination` can be used as a data directory's `files/`. Returns how many.
    public func copyStored(to destination: String) throws -> Int {
        let fm = FileManager.default
        var count = 0
        try fm.createDirectory(atPath: destination, withIntermediateDirectories: true)
        for folder in (try? fm.contentsOfDirectory(atPath: root)) ?? [] where folder.count == 2 {
            try fm.createDirectory(atPath: destination + "/" + folder, withIntermediateDirectories: true)
            for name in try fm.contentsOfDirectory(atPath: root + "/" + folder) {
                let from = root + "/" + folder + "/" + name, to = destination + "/" + folder + "/" + name
                do { try fm.linkItem(atPath: from, toPath: to) } catch { try fm.copyItem(atPath: from, toPath: to) }
                count += 1
            }
        }
        return count
    }
}

extension FormState {
    /// The file sent in multipart part `field` with the content type to store it as (judged by
    /// `FileStore.contentType`), or nil with the reason added as `field`'s error.
    mutating func upload(_ field: String, _ c: RequestContext) -> (file: UploadedFile, type: String)? {
        guard let file = c.request.multipart?.file(field), file.size > 0 else {
            add(field, c.t("document.error.fileRequired"))
            return nil
        }
        switch FileStore.contentType(of: file) {
        case .accepted(let type): return (file, type)
        case .wrongContent: add(field, c.t("document.error.content"))
        case .unsupported: add(field, c.t("document.error.type"))
        }
        return nil
    }
}
