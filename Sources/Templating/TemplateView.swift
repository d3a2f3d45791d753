import Foundation

/// A page's data, or a part of it, as a Swift type. `fields` lists, once per type, every name a
/// template may use and how to read it; templates are compiled against these tables at start-up,
/// so a template naming a field the view does not have stops start-up with file and line, and a
/// render reads fields through closures resolved in advance instead of hashing names.
public protocol TemplateView: Sendable {
    static var fields: Fields<Self> { get }
}

/// A page: a view that names its template. `templates` lists every template the type is rendered
/// with (a page type may serve two, like the public and the staff list), for the start-up check.
public protocol PageView: TemplateView {
    static var templates: [String] { get }
    var template: String { get }
}

/// How a view's fields are read, keyed by the name templates use.
public struct Fields<View>: Sendable {
    let table: [String: AnyField]

    public init(_ entries: KeyValuePairs<String, Field<View>>) {
        var table: [String: AnyField] = [:]
        for (name, field) in entries { table[name] = field.erased }
        self.table = table
    }

    /// From a list, for tables assembled from shared parts (a form's fields and the page's own).
    public init(_ entries: [(String, Field<View>)]) {
        var table: [String: AnyField] = [:]
        for (name, field) in entries { table[name] = field.erased }
        self.table = table
    }
}

/// One field of a view. The constructors say what it holds; templates read text, numbers, flags
/// and dates as values, and open sections over nested views and lists of them.
public struct Field<View>: Sendable {
    let erased: AnyField

    private static func cast(_ any: Any) -> View? { any as? View }

    public static func text(_ get: @escaping @Sendable (View) -> String) -> Field {
        Field(erased: .value { cast($0).map { .string(get($0)) } ?? .null })
    }

    public static func text(_ get: @escaping @Sendable (View) -> String?) -> Field {
        Field(erased: .value { cast($0).flatMap(get).map(TemplateValue.string) ?? .null })
    }

    public static func int(_ get: @escaping @Sendable (View) -> Int) -> Field {
        Field(erased: .value { cast($0).map { .int(get($0)) } ?? .null })
    }

    public static func int(_ get: @escaping @Sendable (View) -> Int?) -> Field {
        Field(erased: .value { cast($0).flatMap(get).map(TemplateValue.int) ?? .null })
    }

    public static func bool(_ get: @escaping @Sendable (View) -> Bool) -> Field {
        Field(erased: .value { cast($0).map { .bool(get($0)) } ?? .null })
    }

    public static func date(_ get: @escaping @Sendable (View) -> Date?) -> Field {
        Field(erased: .value { cast($0).flatMap(get).map(TemplateValue.date) ?? .null })
    }

    /// Untyped data (a rendered form field, a partial's dictionary): its inside is looked up when
    /// rendering, not checked at start-up. For widgets shared by many pages, not for page data.
    public static func value(_ get: @escaping @Sendable (View) -> TemplateValue) -> Field {
        Field(erased: .value { cast($0).map(get) ?? .null })
    }

    public static func view<T: TemplateView>(_ get: @escaping @Sendable (View) -> T) -> Field {
        Field(erased: .object(ViewType(T.self)) { cast($0).map(get) })
    }

    public static func view<T: TemplateView>(_ get: @escaping @Sendable (View) -> T?) -> Field {
        Field(erased: .object(ViewType(T.self)) { cast($0).flatMap(get) })
    }

    public static func list<T: TemplateView>(_ get: @escaping @Sendable (View) -> [T]) -> Field {
        Field(erased: .list(ViewType(T.self)) { cast($0).map { get($0).map { $0 as Any } } ?? [] })
    }

    /// A list of plain texts, each read as `{{.}}`.
    public static func texts(_ get: @escaping @Sendable (View) -> [String]) -> Field {
        Field(erased: .value { cast($0).map { .list(get($0).map(TemplateValue.string)) } ?? .null })
    }
}

/// A view type as the compiler sees it: its name for messages and, read when first needed, its
/// field table (so a view may contain lists of its own type).
struct ViewType: Sendable {
    let name: String
    let id: ObjectIdentifier
    private let table: @Sendable () -> [String: AnyField]
    init<T: TemplateView>(_ type: T.Type) {
        name = String(describing: type)
        id = ObjectIdentifier(type)
        table = { T.fields.table }
    }
    var fields: [String: AnyField] { table() }
    var isDynamic: Bool { id == ObjectIdentifier(DynamicView.self) }
}

/// A field with its view type erased: how the compiled template reads it from a frame.
enum AnyField: Sendable {
    /// A scalar or untyped value.
    case value(@Sendable (Any) -> TemplateValue)
    /// A nested view (nil: absent, a false section).
    case object(ViewType, @Sendable (Any) -> Any?)
    /// A list of views.
    case list(ViewType, @Sendable (Any) -> [Any])
}

/// Data for a template that has no view type of its own (tests of the template language, mail).
public struct DynamicView: TemplateView {
    public let value: TemplateValue
    public init(_ value: TemplateValue) { self.value = value }
    public static let fields = Fields<DynamicView>([:])
}
