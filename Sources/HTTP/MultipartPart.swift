import Glibc

/// The part being received: a text field collected in memory or a file written as it arrives.
struct PartWriter {
    enum Finished {
        case field(String, [UInt8])
        case file(UploadedFile)
    }

    private enum Target {
        case none
        case field(name: String, bytes: [UInt8])
        case file(field: String, filename: String, contentType: String, path: String, fd: Int32)
    }

    private var target = Target.none
    private var size = 0
    private var limit = 0

    mutating func openField(_ name: String, limit: Int) {
        target = .field(name: name, bytes: [])
        size = 0
        self.limit = limit
    }

    mutating func openFile(field: String, filename: String, contentType: String, directory: String,
                           limit: Int) throws(HTTPParseError) {
        var template = Array("\(directory)/kyodo-upload-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .malformed("cannot store upload") }
        let path = String(cChars: template)
        target = .file(field: field, filename: filename, contentType: contentType, path: path, fd: fd)
        size = 0
        self.limit = limit
    }

    mutating func append(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) {
        guard !bytes.isEmpty else { return }
        size += bytes.count
        guard size <= limit else { close(remove: true); throw .bodyTooLarge }
        switch target {
        case .none: break
        case .field(let name, var collected):
            collected.append(contentsOf: bytes)
            target = .field(name: name, bytes: collected)
        case .file(_, _, _, _, let fd):
            let ok = bytes.withUnsafeBytes { raw -> Bool in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue }; return false }
                    offset += n
                }
                return true
            }
            if !ok { close(remove: true); throw .malformed("cannot store upload") }
        }
    }

    mutating func finish() -> Finished? {
        defer { target = .none }
        switch target {
        case .none: return nil
        case .field(let name, let bytes): return .field(name, bytes)
        case .file(let field, let filename, let contentType, let path, let fd):
            Glibc.close(fd)
            return .file(UploadedFile(fieldName: field, filename: filename, contentType: contentType, path: path, size: size))
        }
    }

    mutating func close(remove: Bool) {
        if case .file(_, _, _, let path, let fd) = target {
            Glibc.close(fd)
            if remove { unlink(path) }
        }
        target = .none
    }
}
