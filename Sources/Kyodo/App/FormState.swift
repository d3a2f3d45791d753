import HTTP
import Templating

/// A form as the user filled it in, and what is wrong with it. Handlers validate into this and,
/// when it is not valid, re-render the same page with status 422: values kept, each error next
/// to its field and in a summary at the top.
public struct FormState: Sendable {
    public var values: [String: String] = [:]
    /// Fields with several values (checkboxes).
    public var lists: [String: [String]] = [:]
    public private(set) var errors: [(field: String, message: String)] = []

    public init() {}

    /// The submitted values of `fields`, trimmed of surrounding whitespace.
    public init(_ form: FormData, fields: [String], lists listFields: [String] = []) {
        for field in fields { values[field] = (form[field] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        for field in listFields { lists[field] = form.all(field) }
    }

    public subscript(field: String) -> String { values[field] ?? "" }

    public var isValid: Bool { errors.isEmpty }

    public mutating func add(_ field: String, _ message: String) {
        guard error(for: field) == nil else { return }
        errors.append((field, message))
    }

    public func error(for field: String) -> String? { errors.first { $0.field == field }?.message }

    /// Typed readers: each returns the value, or records an error next to the field (as a message in
    /// the request's language) and returns nil, so a handler reads a whole form and then checks
    /// `isValid` once. The user's text stays in `values` to be shown again.

    /// Text of at most `max` characters (counted as people count them); empty is an error only when required.
    public mutating func text(_ field: String, max: Int, required: Bool = false, _ c: RequestContext) -> String? {
        let value = self[field]
        if value.isEmpty {
            if required { add(field, c.t("form.error.required")) }
            return required ? nil : ""
        }
        guard value.count <= max else { add(field, c.t("form.error.tooLong", [String(max)])); return nil }
        return value
    }

    /// A whole number in `range` (full-width digits accepted); nil when empty or wrong.
    public mutating func integer(_ field: String, in range: ClosedRange<Int>, required: Bool = false, _ c: RequestContext) -> Int? {
        let raw = Normalize.digits(self[field]).trimmingCharacters(in: .whitespaces)
        if raw.isEmpty {
            if required { add(field, c.t("form.error.required")) }
            return nil
        }
        // Int(_:) answers nil past Int64 rather than trapping; the range check bounds the rest.
        guard raw.count <= 19, let n = Int(raw), range.contains(n) else {
            add(field, c.t("form.error.integer", [String(range.lowerBound), String(range.upperBound)]))
            return nil
        }
        return n
    }

    /// A date typed as YYYY-MM-DD (as `<input type="date">` sends it); nil when empty or not a real day.
    public mutating func date(_ field: String, required: Bool = false, _ c: RequestContext) -> JapaneseCalendar.Day? {
        let raw = Normalize.digits(self[field]).trimmingCharacters(in: .whitespaces)
        if raw.isEmpty {
            if required { add(field, c.t("form.error.required")) }
            return nil
        }
        guard let day = DateInput.parse(raw) else { add(field, c.t("form.error.date")); return nil }
        return day
    }

    /// A date typed into `field` that is today or later in Tokyo (a resubmission or due date), as
    /// YYYY-MM-DD; nil when empty. Otherwise `message` is recorded under `error` (the control of
    /// the action form the date belongs to) and nil returned.
    public mutating func dayFromToday(_ field: String, error: String, message: String, _ c: RequestContext) -> String? {
        let text = Normalize.digits(self[field])
        guard !text.isEmpty else { return nil }
        guard let day = DateInput.parse(text), JapaneseCalendar.startOfDay(day).addingTimeInterval(86_400) > c.now else {
            add(error, c.t(message))
            return nil
        }
        return DateInput.format(day)
    }

    /// One of an enum's values, as a `<select>` or radio group sends it.
    public mutating func choice<T: RawRepresentable>(_ field: String, _ type: T.Type, _ c: RequestContext) -> T? where T.RawValue == String {
        guard let value = T(rawValue: self[field]) else { add(field, c.t("form.error.choice")); return nil }
        return value
    }

    /// The amount typed in `field` (nil when empty); an error next to the field when it is not
    /// money or is past the bound.
    public mutating func yen(_ field: String, _ c: RequestContext) -> Yen? {
        switch Yen.parse(self[field]) {
        case nil: return nil
        case .success(let y)?: return y
        case .failure(.tooLarge)?: add(field, c.t("money.error.tooLarge")); return nil
        case .failure(.notANumber)?: add(field, c.t("money.error.notANumber")); return nil
        }
    }

}

/// One field as `partials/field.html` renders it: label, hint, error (linked by
/// aria-describedby), and the control with the value the user typed.
public struct FieldView: Sendable {
    public enum Kind: Sendable {
        case input(type: String)
        case textarea
        case select([(value: String, label: String)])
        case checkboxes([(value: String, label: String)])
    }

    public var name: String
    public var label: String
    public var kind: Kind = .input(type: "text")
    public var required = false
    public var autocomplete = "off"
    public var hint: String?

    public init(_ name: String, label: String, kind: Kind = .input(type: "text"), required: Bool = false,
                autocomplete: String = "off", hint: String? = nil) {
        self.name = name
        self.label = label
        self.kind = kind
        self.required = required
        self.autocomplete = autocomplete
        self.hint = hint
    }
}

/// One control as `partials/field.html` renders it, typed: label, hint, error (tied to the control
/// by aria-describedby) and the value the user typed.
public struct FieldWidget: TemplateView {
    public struct Option: TemplateView {
        let value: String
        let label: String
        let selected: Bool
        let optionID: String
        public static let fields = Fields<Option>(["value": .text(\.value), "label": .text(\.label), "selected": .bool(\.selected),
                                                   "optionID": .text(\.optionID)])
    }

    let name: String
    let label: String
    let type: String
    let value: String
    let required: Bool
    let autocomplete: String
    let hint: String?
    let error: String?
    let describedBy: String
    let isInput: Bool, isTextarea: Bool, isSelect: Bool, isCheckboxes: Bool
    let options: [Option]

    public static let fields = Fields<FieldWidget>([
        "name": .text(\.name), "id": .text { "f-\($0.name)" }, "label": .text(\.label), "type": .text(\.type), "value": .text(\.value),
        "required": .bool(\.required), "autocomplete": .text(\.autocomplete), "hint": .text(\.hint), "error": .text(\.error),
        "describedBy": .text(\.describedBy), "isInput": .bool(\.isInput), "isTextarea": .bool(\.isTextarea),
        "isSelect": .bool(\.isSelect), "isCheckboxes": .bool(\.isCheckboxes), "options": .list(\.options),
    ])
}

extension FieldView {
    /// What goes back into the input: never a password, never a file name (a file input takes no
    /// value), and for date and time inputs only a value they can hold (an invalid one would be
    /// dropped by the browser anyway; the error message next to the field says what was wrong).
    static func echo(_ value: String, type: String) -> String {
        switch type {
        case "password", "file": return ""
        case "date": return DateInput.parse(value) == nil ? "" : value
        case "datetime-local":
            let parts = value.split(separator: "T")
            return parts.count == 2 && DateInput.parse(String(parts[0])) != nil && parts[1].count == 5 ? value : ""
        default: return value
        }
    }

    public func widget(_ form: FormState) -> FieldWidget {
        let error = form.error(for: name)
        let describedBy = [hint.map { _ in "f-\(name)-hint" }, error.map { _ in "f-\(name)-error" }].compactMap { $0 }
        var type = "text", isInput = false, isTextarea = false, isSelect = false, isCheckboxes = false
        var options: [(value: String, label: String)] = []
        switch kind {
        case .input(let t): type = t; isInput = true
        case .textarea: isTextarea = true
        case .select(let o): options = o; isSelect = true
        case .checkboxes(let o): options = o; isCheckboxes = true
        }
        let selected = Set(form.lists[name] ?? [form[name]])
        return FieldWidget(
            name: name, label: label, type: type,
            value: Self.echo(form[name], type: type), required: required, autocomplete: autocomplete, hint: hint, error: error,
            describedBy: describedBy.joined(separator: " "), isInput: isInput, isTextarea: isTextarea, isSelect: isSelect,
            isCheckboxes: isCheckboxes,
            options: options.enumerated().map { i, o in
                .init(value: o.value, label: o.label, selected: selected.contains(o.value), optionID: "f-\(name)-\(i)")
            })
    }
}
