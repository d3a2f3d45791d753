/// The parsed request line and header section, with the framing decisions made from them.
struct RequestHead: Sendable {
    enum Framing: Sendable, Equatable {
        case none
        case length(Int)
        case chunked
    }

    var method: String
    var target: String
    var isHTTP11: Bool
    var headers: HTTPHeaders
    var framing: Framing = .none
    var keepAlive = true
    var expectsContinue = false
}
