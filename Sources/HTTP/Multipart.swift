import CEpoll
import Glibc

/// Limits for a route that accepts `multipart/form-data` uploads.
public struct MultipartLimits: Sendable {
    public var maxFileBytes: Int
    public var maxParts: Int
    /// A text field is held in memory, so it gets a small limit of its own.
    public var maxFieldBytes: Int
    public var temporaryDirectory: String

    public init(maxFileBytes: Int = 10 * 1024 * 1024, maxParts: Int = 50, maxFieldBytes: Int = 256 * 1024,
                temporaryDirectory: String = "/tmp") {
        self.maxFileBytes = maxFileBytes
        self.maxParts = maxParts
        self.maxFieldBytes = maxFieldBytes
        self.temporaryDirectory = temporaryDirectory
    }
}

/// A file part streamed to a temporary file. The server deletes the file after the handler
/// returns, so a handler that keeps it must move it.
public struct UploadedFile: Sendable {
    public let fieldName: String
    public let filename: String
    public let contentType: String
    public let path: String
    public let size: Int
}

/// The decoded parts of a multipart body: text fields in order, and the uploaded files.
public struct MultipartForm: Sendable {
    public internal(set) var fields = FormData()
    public internal(set) var files: [UploadedFile] = []

    public func file(_ fieldName: String) -> UploadedFile? { files.first { $0.fieldName == fieldName } }

    func removeFiles() {
        for file in files { unlink(file.path) }
    }
}

/// A streaming `multipart/form-data` parser (RFC 7578, delimiters per RFC 2046 §5.1.1). Body
/// bytes go straight to temporary files as they arrive, so memory stays bounded by the part
/// header limit and the delimiter length, whatever the upload size.
final class MultipartSink: BodySink {
    private enum State { case preamble, partHeaders, partData, afterDelimiter, epilogue }

    private let limits: MultipartLimits
    private let delimiter: [UInt8]        // "\r\n--boundary"
    private var state = State.preamble
    private var pending: [UInt8] = [0x0D, 0x0A] // lets the first delimiter match like later ones
    private var part = PartWriter()
    private var partCount = 0
    private(set) var form = MultipartForm()

    init(boundary: String, limits: MultipartLimits) {
        self.limits = limits
        self.delimiter = Array("\r\n--\(boundary)".utf8)
    }

    static func boundary(from contentType: String) -> String? {
        let media = MediaType(contentType)
        guard media.isType("multipart/form-data"), let b = media.parameters["boundary"],
              (1...70).contains(b.utf8.count) else { return nil }
        return b
    }

    func write(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) {
        pending.append(contentsOf: bytes)
        var i = 0
        defer { pending.removeFirst(i) }
        while true {
            switch state {
            case .preamble, .partData:
                if let hit = find(delimiter, from: i) {
                    if state == .partData { try part.append(pending[i..<hit]); try closePart() }
                    i = hit + delimiter.count
                    state = .afterDelimiter
                } else {
                    // Keep a tail that might be the start of a delimiter split across reads.
                    let safe = max(i, pending.count - delimiter.count + 1)
                    if state == .partData { try part.append(pending[i..<safe]) }
                    i = safe
                    return
                }
            case .afterDelimiter:
                guard pending.count - i >= 2 else { return }
                if pending[i] == 0x2D, pending[i + 1] == 0x2D { state = .epilogue; i = pending.count; return }
                guard pending[i] == 0x0D, pending[i + 1] == 0x0A else { throw .malformed("multipart delimiter") }
                i += 2
                state = .partHeaders
            case .partHeaders:
                guard let end = find([0x0D, 0x0A, 0x0D, 0x0A], from: i) else {
                    if pending.count - i > 8192 { throw .malformed("multipart part headers too long") }
                    return
                }
                try openPart(pending[i..<(end + 2)])
                i = end + 4
                state = .partData
            case .epilogue:
                i = pending.count
                return
            }
        }
    }

    func finish() throws(HTTPParseError) {
        guard state == .epilogue else { discard(); throw .malformed("multipart body ended early") }
    }

    /// Removes every file written so far; called when the request fails.
    func discard() {
        part.close(remove: true)
        form.removeFiles()
    }

    private func openPart(_ headerBytes: ArraySlice<UInt8>) throws(HTTPParseError) {
        partCount += 1
        guard partCount <= limits.maxParts else { throw .bodyTooLarge }
        var headers = HTTPHeaders()
        var lineStart = headerBytes.startIndex
        while let cr = headerBytes[lineStart...].firstIndex(of: 0x0D) {
            let (name, value) = try HeadParser.parseField(headerBytes[lineStart..<cr])
            headers.add(name, value)
            lineStart = cr + 2
        }
        let disposition = MediaType(headers["Content-Disposition"] ?? "")
        guard disposition.isType("form-data"), let name = disposition.parameters["name"] else {
            throw .malformed("multipart part without a name")
        }
        if let filename = disposition.parameters["filename"] {
            try part.openFile(field: name, filename: filename,
                              contentType: headers["Content-Type"] ?? "application/octet-stream",
                              directory: limits.temporaryDirectory, limit: limits.maxFileBytes)
        } else {
            part.openField(name, limit: limits.maxFieldBytes)
        }
    }

    private func closePart() throws(HTTPParseError) {
        switch part.finish() {
        case .field(let name, let value):
            guard let text = String(validating: value, as: UTF8.self) else { throw .malformed("field is not UTF-8") }
            form.fields.append(name, text)
        case .file(let file):
            form.files.append(file)
        case nil:
            break
        }
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        pending.withUnsafeBytes { hay -> Int? in
            guard start < hay.count, let base = hay.baseAddress else { return nil }
            return needle.withUnsafeBytes { n -> Int? in
                guard let hit = memmem(base + start, hay.count - start, n.baseAddress, n.count) else { return nil }
                return base.distance(to: UnsafeRawPointer(hit))
            }
        }
    }
}
