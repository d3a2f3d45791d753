import Foundation
import Synchronization

/// Every template and message catalog under one directory, parsed and cross-checked at start-up:
/// a syntax error, an unknown partial or layout, an unknown helper, or a message key missing
/// from any locale stops start-up with file and line. With `reload`, changed files are re-read
/// before a render (for `--dev`).
public final class TemplateLibrary: Sendable {
    public struct Options: Sendable {
        public var strict: Bool
        public var reload: Bool
        public init(strict: Bool = false, reload: Bool = false) { self.strict = strict; self.reload = reload }
    }

    struct Contents: Sendable {
        let templates: [String: Template]
        let catalogs: [String: MessageCatalog]
        /// Locale → template name → the template compiled for that locale.
        let compiled: [String: [String: [CompiledNode]]]
        let signature: [String: Date]
    }

    public let directory: String
    public let options: Options
    private let helpers: [String: TemplateHelper]
    private let contents: Mutex<Contents>
    /// Without reload the contents never change, so renders read this copy without locking.
    private let fixed: Contents?

    public init(directory: String, options: Options = Options(), helpers: [String: TemplateHelper] = [:]) throws {
        self.directory = directory
        self.options = options
        self.helpers = BuiltinHelpers.all.merging(helpers) { _, custom in custom }
        let loaded = try Self.load(directory, helpers: self.helpers)
        contents = Mutex(loaded)
        fixed = options.reload ? nil : loaded
    }

    public var locales: [String] { current().catalogs.keys.sorted() }

    public func catalog(_ locale: String) -> MessageCatalog? { current().catalogs[locale] }

    public func has(_ name: String) -> Bool { (try? currentReloading().templates[name]) != nil }

    /// Renders template `name` (its path under the directory without `.html`).
    public func render(_ name: String, _ value: TemplateValue, locale: String) throws -> String {
        String(decoding: try renderBytes(name, value, locale: locale), as: UTF8.self)
    }

    /// Renders as UTF-8 bytes, ready to be a response body.
    public func renderBytes(_ name: String, _ value: TemplateValue, locale: String) throws -> [UInt8] {
        let contents = try currentReloading()
        guard let catalog = contents.catalogs[locale] ?? contents.catalogs["ja"],
              let compiled = contents.compiled[catalog.locale] else {
            throw TemplateError(file: name, line: 0, message: "no message catalog for \(locale)")
        }
        guard let nodes = compiled[name] else { throw TemplateError(file: name, line: 0, message: "no template named \(name)") }
        let renderer = TemplateRenderer(helpers: helpers, context: HelperContext(locale: catalog.locale, catalog: catalog),
                                        strict: options.strict)
        return try renderer.render(nodes, value, sizeHint: 48 * 1024)
    }

    private func current() -> Contents { fixed ?? contents.withLock { $0 } }

    private func currentReloading() throws -> Contents {
        if let fixed { return fixed }
        return try contents.withLock { c in
            if Self.signature(directory) != c.signature { c = try Self.load(directory, helpers: helpers) }
            return c
        }
    }

    private static func load(_ directory: String, helpers: [String: TemplateHelper]) throws -> Contents {
        var templates: [String: Template] = [:]
        var catalogs: [String: MessageCatalog] = [:]
        for file in files(directory) {
            let full = directory + "/" + file
            let text = try String(contentsOfFile: full, encoding: .utf8)
            if file.hasPrefix("locales/") && file.hasSuffix(".txt") {
                let locale = String(file.dropFirst("locales/".count).dropLast(4))
                catalogs[locale] = try MessageCatalog(locale: locale, text: text, file: file)
            } else if file.hasSuffix(".html") {
                let name = String(file.dropLast(5))
                templates[name] = Template(name: name, file: file, nodes: try TemplateParser(file: file).parse(text))
            }
        }
        try TemplateChecker(templates: templates, catalogs: catalogs, helpers: helpers).check()
        var compiled: [String: [String: [CompiledNode]]] = [:]
        for (locale, catalog) in catalogs {
            let compiler = TemplateCompiler(templates: templates, helpers: helpers, context: HelperContext(locale: locale, catalog: catalog))
            for (name, template) in templates { compiled[locale, default: [:]][name] = try compiler.compile(template) }
        }
        return Contents(templates: templates, catalogs: catalogs, compiled: compiled, signature: signature(directory))
    }

    static func files(_ directory: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: directory) else { return [] }
        return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") || $0.hasSuffix(".txt") }.sorted()
    }

    private static func signature(_ directory: String) -> [String: Date] {
        var result: [String: Date] = [:]
        for file in files(directory) {
            let attributes = try? FileManager.default.attributesOfItem(atPath: directory + "/" + file)
            result[file] = attributes?[.modificationDate] as? Date ?? .distantPast
        }
        return result
    }
}
