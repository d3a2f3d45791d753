import HTTP

/// The record-level half of a route's authorization: which record the route is about and which
/// policy question must be answered yes. The router loads the record and asks before the handler
/// runs; a record that does not exist and one the person may not see are the same 404, so ids
/// reveal nothing. The handler takes the loaded record from the context (`c.record(T.self)`).
public struct RecordRule: Sendable {
    /// "<feature>.<permission>", as the generated authorization matrix prints it.
    public let name: String
    let authorize: @Sendable (RequestContext) throws -> any Sendable

    /// `load` reads the record named by the route's parameters (nil: no such record); `allow` is the
    /// feature policy's answer for the person asking.
    public static func record<T: Sendable>(_ name: String, load: @escaping @Sendable (RequestContext) throws -> T?,
                                           allow: @escaping @Sendable (Principal, T) -> Bool) -> RecordRule {
        RecordRule(name: name) { c in
            guard let record = try load(c), allow(c.principal, record) else { throw HTTPError(.notFound) }
            return record
        }
    }
}

extension RequestContext {
    /// The record the route's `RecordRule` loaded and allowed; 404 if the route has none of this type.
    public func record<T>(_ type: T.Type) throws -> T {
        guard let record = loadedRecord as? T else { throw HTTPError(.notFound) }
        return record
    }
}
