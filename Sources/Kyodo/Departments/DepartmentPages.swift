import Templating

/// `departments/index`: every department with its staff count, and the form adding one.
struct DepartmentsPage: PageView {
    struct Row: TemplateView {
        let id: Int64
        let name: String
        let section: String
        let contact: String
        let staff: Int
        static let fields = Fields<Row>([
            "id": .int { Int($0.id) }, "name": .text(\.name), "section": .text(\.section), "contact": .text(\.contact),
            "staff": .int(\.staff),
        ])
    }

    static let templates = ["departments/index"]
    var template: String { "departments/index" }
    let form: FormView
    let departments: [Row]
    static let fields = Fields<DepartmentsPage>(
        Fields.form(\.form) + [
            ("departments", .list(\.departments)),
            ("count", .int { $0.departments.count }),
        ])
}

/// `departments/edit`: one department's name, section and contact, with its history.
struct DepartmentPage: PageView {
    static let templates = ["departments/edit"]
    var template: String { "departments/edit" }
    let form: FormView
    let id: Int64
    let name: String
    let history: TemplateValue
    static let fields = Fields<DepartmentPage>(
        Fields.form(\.form) + [
            ("id", .int { Int($0.id) }), ("name", .text(\.name)),
            ("history", .value(\.history)),
        ])
}
