import Glibc

/// Where decoded body bytes go: memory for ordinary forms, a streaming multipart parser for
/// uploads. A sink may refuse bytes (e.g. a file over its limit) by throwing.
protocol BodySink: AnyObject {
    func write(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError)
    func finish() throws(HTTPParseError)
    /// Drops whatever was stored; the request failed.
    func discard()
}

/// Collects the body in memory.
final class MemoryBodySink: BodySink {
    var bytes: [UInt8] = []
    func write(_ chunk: ArraySlice<UInt8>) throws(HTTPParseError) { bytes.append(contentsOf: chunk) }
    func finish() throws(HTTPParseError) {}
    func discard() { bytes = [] }
}

/// Decodes a Content-Length or chunked body (RFC 9112 §6, §7.1) from a buffer as bytes arrive,
/// enforcing the body limit on the decoded size before storing anything past it.
struct BodyReader {
    private enum State {
        case length(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailer(bytes: Int, fields: Int)
        case done
    }

    private var state: State
    private var received = 0
    private let limit: Int
    private let limits: HTTPLimits
    private static let maxChunkLine = 4096

    init(framing: RequestHead.Framing, limit: Int, limits: HTTPLimits) throws(HTTPParseError) {
        self.limit = limit
        self.limits = limits
        switch framing {
        case .none: state = .done
        case .length(let n):
            guard n <= limit else { throw .bodyTooLarge }
            state = n == 0 ? .done : .length(remaining: n)
        case .chunked: state = .chunkSize
        }
    }

    var isDone: Bool { if case .done = state { true } else { false } }

    /// Consumes what it can from `buffer[start...]`; returns the index of the first unconsumed byte.
    mutating func read(_ buffer: [UInt8], from start: Int, into sink: BodySink) throws(HTTPParseError) -> Int {
        var i = start
        let end = buffer.count
        while i < end || isDone {
            switch state {
            case .done:
                return i
            case .length(let remaining):
                let n = min(remaining, end - i)
                try sink.write(buffer[i..<(i + n)])
                i += n
                state = remaining == n ? .done : .length(remaining: remaining - n)
            case .chunkSize:
                guard let lf = try Self.lineEnd(buffer, from: i, max: Self.maxChunkLine) else { return i }
                let size = try Self.parseChunkSize(buffer[i..<(lf - 1)])
                i = lf + 1
                if size == 0 {
                    state = .trailer(bytes: 0, fields: 0)
                } else {
                    guard size <= limit - received else { throw .bodyTooLarge }
                    received += size
                    state = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let n = min(remaining, end - i)
                try sink.write(buffer[i..<(i + n)])
                i += n
                state = remaining == n ? .chunkDataEnd : .chunkData(remaining: remaining - n)
            case .chunkDataEnd:
                guard end - i >= 2 else { return i }
                guard buffer[i] == 0x0D, buffer[i + 1] == 0x0A else { throw .malformed("chunk data not followed by CRLF") }
                i += 2
                state = .chunkSize
            case .trailer(let bytes, let fields):
                // RFC 9112 §7.1.2: trailer fields are parsed like headers, then discarded.
                guard let lf = try Self.lineEnd(buffer, from: i, max: limits.maxHeaderSectionBytes - bytes + 2) else { return i }
                let line = buffer[i..<(lf - 1)]
                i = lf + 1
                if line.isEmpty { state = .done; break }
                _ = try HeadParser.parseField(line)
                guard fields + 1 <= limits.maxHeaderCount else { throw .headersTooLarge }
                state = .trailer(bytes: bytes + line.count + 2, fields: fields + 1)
            }
        }
        return i
    }

    /// The LF ending a CRLF line starting at `start`, nil if not there yet; throws on a bare LF
    /// or a line longer than `max`.
    private static func lineEnd(_ buffer: [UInt8], from start: Int, max: Int) throws(HTTPParseError) -> Int? {
        let end = Swift.min(buffer.count, start + max + 2)
        var j = start
        while j < end {
            if buffer[j] == 0x0A {
                guard j > start, buffer[j - 1] == 0x0D else { throw .malformed("bare LF in chunked body") }
                return j
            }
            j += 1
        }
        if buffer.count - start > max + 1 { throw .malformed("chunk line too long") }
        return nil
    }

    /// chunk-size = 1*HEXDIG, then optional chunk extensions, which we ignore (RFC 9112 §7.1.1).
    static func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var digits = 0
        var idx = line.startIndex
        while idx < line.endIndex, let v = hexValue(line[idx]) {
            // 15 hex digits already exceed any body we accept; more would overflow Int.
            guard digits < 15 else { throw .malformed("chunk size overflow") }
            size = size << 4 | v
            digits += 1
            idx += 1
        }
        guard digits > 0 else { throw .malformed("chunk size") }
        var rest = line[idx...]
        while let f = rest.first, f == 0x20 || f == 0x09 { rest.removeFirst() }
        if let f = rest.first {
            guard f == UInt8(ascii: ";"), rest.allSatisfy(ByteClass.isFieldValue) else { throw .malformed("chunk extension") }
        }
        return size
    }

    private static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case 0x30...0x39: Int(b - 0x30)
        case 0x41...0x46: Int(b - 0x41 + 10)
        case 0x61...0x66: Int(b - 0x61 + 10)
        default: nil
        }
    }
}
