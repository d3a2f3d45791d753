import Foundation

/// 担当課: a city department, the partner side of themes, proposals and agreements.
public struct Department: Sendable, Equatable {
    public var id: Int64 = 0
    public var name = ""
    /// 係・担当 within the department.
    public var section = ""
    /// How partners reach it: phone, mail, room.
    public var contact = ""

    public init(id: Int64 = 0, name: String = "", section: String = "", contact: String = "") {
        self.id = id
        self.name = name
        self.section = section
        self.contact = contact
    }
}
