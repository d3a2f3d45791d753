import Foundation

/// `key = text` lines from `Templates/locales/<locale>.txt`. `{0}`, `{1}` in a text are replaced by
/// arguments, `\\n` is a line break (for mail bodies). Lines starting with `#` are comments.
public struct MessageCatalog: Sendable {
    public let locale: String
    public let messages: [String: String]

    public init(locale: String, text: String, file: String) throws {
        self.locale = locale
        var messages: [String: String] = [:]
        for (i, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: " ")
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw TemplateError(file: file, line: i + 1, message: "expected key = text")
            }
            let key = line[..<eq].trimmingCharacters(in: " ")
            let value = line[line.index(after: eq)...].trimmingCharacters(in: " ").replacingOccurrences(of: "\\n", with: "\n")
            guard !key.isEmpty else { throw TemplateError(file: file, line: i + 1, message: "empty key") }
            guard messages[key] == nil else { throw TemplateError(file: file, line: i + 1, message: "duplicate key \(key)") }
            messages[key] = value
        }
        self.messages = messages
    }

    public func text(_ key: String, _ arguments: [String] = []) -> String? {
        guard var text = messages[key] else { return nil }
        for (i, argument) in arguments.enumerated() {
            text = text.replacing("{\(i)}", with: argument)
        }
        return text
    }
}
