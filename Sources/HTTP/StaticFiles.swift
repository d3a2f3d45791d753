import Glibc

/// Serves files under one directory with MIME types, ETag/304 and Cache-Control. Anything that
/// would leave the directory (`..`, encoded `%2e%2e`, absolute paths, symlinks pointing out) or
/// is hidden (dot files) is a 404, so probing reveals nothing.
public struct StaticFiles: Sendable {
    public let root: String
    public let cacheControl: String
    private let cache = StaticFileCache()

    public init(root: String, cacheControl: String = "public, max-age=300") {
        self.root = Self.realPath(root) ?? root
        self.cacheControl = cacheControl
    }

    /// `segments` are the decoded path segments below the mount point.
    public func serve(_ request: Request, segments: [String]) throws(HTTPError) -> Response {
        guard !segments.isEmpty, segments.allSatisfy(Self.isSafe) else { throw HTTPError(.notFound) }
        let candidate = root + "/" + segments.joined(separator: "/")
        let file: StaticFileCache.Entry
        if let cached = cache.lookup(candidate) {
            file = cached
        } else {
            // Resolving symlinks then checking the prefix catches links that point outside the root.
            guard let resolved = Self.realPath(candidate), resolved.hasPrefix(root + "/") else { throw HTTPError(.notFound) }
            guard let loaded = cache.load(candidate, resolved: resolved) else { throw HTTPError(.notFound) }
            file = loaded
        }
        let etag = file.etag
        var headers = HTTPHeaders([("ETag", etag), ("Cache-Control", cacheControl)])
        // RFC 9110 §13.1.2: weak comparison, a list of tags, or "*".
        if let condition = request.headers["If-None-Match"],
           condition.split(separator: ",").contains(where: { tag in
               let t = tag.trimmingASCIIWhitespace()
               return t == "*" || t == etag || t == "W/" + etag
           }) {
            return Response(status: .notModified, headers: headers)
        }
        headers.add("Content-Type", MIMEType.forPath(file.resolved))
        if let bytes = file.bytes { return Response(status: .ok, headers: headers, body: .bytes(bytes)) }
        return Response(status: .ok, headers: headers, body: .file(path: file.resolved, length: file.size))
    }

    /// Convenience for a `*path` route parameter.
    public func serve(_ request: Request, path: String) throws(HTTPError) -> Response {
        try serve(request, segments: path.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
    }

    private static func isSafe(_ segment: String) -> Bool {
        !segment.isEmpty && !segment.hasPrefix(".") && !segment.contains("/") && !segment.contains("\\")
            && !segment.utf8.contains(0)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Content types by file extension for what `Public/` and downloads hold.
public enum MIMEType {
    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "json": "application/json",
        "txt": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "ico": "image/x-icon",
        "woff2": "font/woff2", "woff": "font/woff", "pdf": "application/pdf",
        "ics": "text/calendar; charset=utf-8", "xml": "application/xml",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "doc": "application/msword", "xls": "application/vnd.ms-excel",
    ]

    public static func forPath(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "application/octet-stream" }
        return byExtension[path[path.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}
