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

/// A view as the render stack holds it: one reference per view, so reading a field casts a
/// reference and borrows the struct instead of copying it (and every string in it) out of an `Any`.
final class ViewBox<View>: @unchecked Sendable {
    let value: View
    init(_ value: View) { self.value = value }
}

/// One field of a view. The constructors say what it holds; templates read text, numbers, flags
/// and dates as values, and open sections over nested views and lists of them.
public struct Field<View>: Sendable {
    let erased: AnyField

    /// Reads `get` from a boxed view. The box's class is compared with the one captured here (one
    /// pointer compare) instead of `as?`, which looked up generic metadata on every field read
    /// (9 % of a list page); a box of another type reads as absent.
    private static func reader<R>(_ get: @escaping @Sendable (View) -> R) -> @Sendable (AnyObject) -> R? {
        let expected = ObjectIdentifier(ViewBox<View>.self)
        return { object in
            guard ObjectIdentifier(type(of: object)) == expected else { return nil }
            return get(unsafeDowncast(object, to: ViewBox<View>.self).value)
        }
    }

    private static func scalar(_ read: @escaping @Sendable (AnyObject) -> TemplateValue?) -> Field {
        Field(erased: .value(scalar: true) { read($0) ?? .null })
    }

    public static func text(_ get: @escaping @Sendable (View) -> String) -> Field {
        let read = reader(get)
        return scalar { read($0).map(TemplateValue.string) }
    }

    public static func text(_ get: @escaping @Sendable (View) -> String?) -> Field {
        let read = reader(get)
        return scalar { read($0).flatMap { $0 }.map(TemplateValue.string) }
    }

    public static func int(_ get: @escaping @Sendable (View) -> Int) -> Field {
        let read = reader(get)
        return scalar { read($0).map(TemplateValue.int) }
    }

    public static func int(_ get: @escaping @Sendable (View) -> Int?) -> Field {
        let read = reader(get)
        return scalar { read($0).flatMap { $0 }.map(TemplateValue.int) }
    }

    public static func bool(_ get: @escaping @Sendable (View) -> Bool) -> Field {
        let read = reader(get)
        return scalar { read($0).map(TemplateValue.bool) }
    }

    public static func date(_ get: @escaping @Sendable (View) -> Date?) -> Field {
        let read = reader(get)
        return scalar { read($0).flatMap { $0 }.map(TemplateValue.date) }
    }

    /// Untyped data (a rendered form field, a partial's dictionary): its inside is looked up when
    /// rendering, not checked at start-up. For widgets shared by many pages, not for page data.
    public static func value(_ get: @escaping @Sendable (View) -> TemplateValue) -> Field {
        let read = reader(get)
        return Field(erased: .value(scalar: false) { read($0) ?? .null })
    }

    public static func view<T: TemplateView>(_ get: @escaping @Sendable (View) -> T) -> Field {
        let read = reader(get)
        return Field(erased: .object(ViewType(T.self)) { read($0).map { ViewBox($0) } })
    }

    public static func view<T: TemplateView>(_ get: @escaping @Sendable (View) -> T?) -> Field {
        let read = reader(get)
        return Field(erased: .object(ViewType(T.self)) { read($0).flatMap { $0 }.map { ViewBox($0) } })
    }

    public static func list<T: TemplateView>(_ get: @escaping @Sendable (View) -> [T]) -> Field {
        let read = reader(get)
        return Field(erased: .list(ViewType(T.self)) { read($0).map { $0.map { ViewBox($0) as AnyObject } } ?? [] })
    }

    /// Views under names chosen at run time (a form's widgets by field name): `{{#form.q}}` opens
    /// the one named `q`; what is inside it is checked against `T` at start-up.
    public static func keyed<T: TemplateView>(_ get: @escaping @Sendable (View) -> [String: T]) -> Field {
        let read = reader(get)
        return Field(erased: .keyed(ViewType(T.self)) { object, key in read(object)?[key].map { ViewBox($0) } })
    }

    /// A list of plain texts, each read as `{{.}}`.
    public static func texts(_ get: @escaping @Sendable (View) -> [String]) -> Field {
        let read = reader(get)
        return scalar { read($0).map { .list($0.map(TemplateValue.string)) } }
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

    static func box<T: TemplateView>(_ view: T) -> AnyObject { ViewBox(view) }
}

/// A field with its view type erased: how the compiled template reads it from a frame.
enum AnyField: Sendable {
    /// A value: a scalar (text, number, flag, date, list of texts) has no names inside; an untyped
    /// value is looked up by name when rendering.
    case value(scalar: Bool, @Sendable (AnyObject) -> TemplateValue)
    /// A nested view (nil: absent, a false section).
    case object(ViewType, @Sendable (AnyObject) -> AnyObject?)
    /// A list of views.
    case list(ViewType, @Sendable (AnyObject) -> [AnyObject])
    /// Views by a name given in the template's next path segment.
    case keyed(ViewType, @Sendable (AnyObject, String) -> AnyObject?)
}

/// Data for a template that has no view type of its own (tests of the template language, mail).
public struct DynamicView: TemplateView {
    public let value: TemplateValue
    public init(_ value: TemplateValue) { self.value = value }
    public static let fields = Fields<DynamicView>([:])
}
