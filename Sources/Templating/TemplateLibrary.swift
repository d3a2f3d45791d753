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
        /// Templates compiled per locale and view types, filled at start-up and on first use.
        let compiled: CompiledCache
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

    /// Renders template `name` (its path under the directory without `.html`) with untyped data.
    public func render(_ name: String, _ value: TemplateValue, locale: String) throws -> String {
        String(decoding: try renderBytes(name, value, locale: locale), as: UTF8.self)
    }

    /// Renders with untyped data, as UTF-8 bytes.
    public func renderBytes(_ name: String, _ value: TemplateValue, locale: String) throws -> [UInt8] {
        try renderBytes(name, views: [DynamicView(value)], locale: locale)
    }

    /// Renders template `name` with a stack of views, outermost first (the layout's, then the
    /// page's): each is a frame the template's names are resolved against.
    public func renderBytes(_ name: String, views: [any TemplateView], locale: String) throws -> [UInt8] {
        let contents = try currentReloading()
        guard let catalog = contents.catalogs[locale] ?? contents.catalogs["ja"] else {
            throw TemplateError(file: name, line: 0, message: "no message catalog for \(locale)")
        }
        var types: [ViewType] = []
        for view in views { types.append(Self.viewType(of: view)) }
        let nodes = try compiled(contents, name: name, types: types, catalog: catalog)
        var frames: [Frame] = []
        for (view, type) in zip(views, types) {
            if let dynamic = view as? DynamicView { frames.append(.dynamic(dynamic.value)) } else { frames.append(.typed(ViewType.box(view), type.fields)) }
        }
        let renderer = TemplateRenderer(context: HelperContext(locale: catalog.locale, catalog: catalog), strict: options.strict)
        return try renderer.render(nodes, frames: frames, sizeHint: 48 * 1024)
    }

    /// Formats a value with a template helper (`date`, `fiscalYear`, `yen`…) in a locale, for the few
    /// texts made in Swift (option labels, a comment stored with a record), so 和暦 and 年度 are
    /// formatted in one place.
    public func format(_ helper: String, _ value: TemplateValue, locale: String) -> String {
        guard let function = helpers[helper], let catalog = current().catalogs[locale] ?? current().catalogs["ja"] else { return value.text }
        return (try? function([value], HelperContext(locale: catalog.locale, catalog: catalog))) ?? value.text
    }

    /// Compiles `name` against these view types in every locale now, so a template naming a field
    /// the views do not have stops start-up (every page type is checked this way when the app starts).
    public func check(_ name: String, views: [any TemplateView.Type]) throws {
        let contents = try currentReloading()
        var types: [ViewType] = []
        for view in views { types.append(Self.viewType(view)) }
        for catalog in contents.catalogs.values { _ = try compiled(contents, name: name, types: types, catalog: catalog) }
    }

    private static func viewType<T: TemplateView>(_ type: T.Type) -> ViewType { ViewType(type) }
    private static func viewType<T: TemplateView>(of view: T) -> ViewType { ViewType(T.self) }

    private func compiled(_ contents: Contents, name: String, types: [ViewType], catalog: MessageCatalog) throws -> [CompiledNode] {
        let key = CompiledCache.Key(name: name, locale: catalog.locale, types: types.map(\.id))
        if let hit = contents.compiled.get(key) { return hit }
        guard let template = contents.templates[name] else { throw TemplateError(file: name, line: 0, message: "no template named \(name)") }
        let compiler = TemplateCompiler(templates: contents.templates, helpers: helpers,
                                        context: HelperContext(locale: catalog.locale, catalog: catalog))
        let nodes = try compiler.compile(template, scope: types.map { $0.isDynamic ? .dynamic : .typed($0) })
        contents.compiled.set(key, nodes)
        return nodes
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
        return Contents(templates: templates, catalogs: catalogs, compiled: CompiledCache(), signature: signature(directory))
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
