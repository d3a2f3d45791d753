import HTTP
import SQLite

/// Rendered public pages for anonymous visitors, reused until the data behind them changes.
/// A page is only cached when it is the same for every anonymous visitor (no session, no flash
/// message) and only for routes that opt in; the key is the locale and the full request
/// target, and an entry is valid only for the `change_generation` it was rendered at, which
/// triggers bump on every write to the tables the page shows.
public final class PublicPageCache: Sendable {
    private struct Entry: Sendable {
        let generation: Int64
        let body: [UInt8]
    }

    private let entries = Protected<[String: Entry]>([:])
    private static let maxEntries = 2000

    public init() {}

    /// Returns the cached page or renders, stores and returns it.
    func page(_ c: RequestContext, generationOf name: String, render: () throws -> Response) throws -> Response {
        guard c.user == nil, c.flash == nil, c.request.method == "GET" || c.request.method == "HEAD" else { return try render() }
        let generation = try c.services.database.read { try ChangeGenerationStore.generation($0, name) }
        let key = c.locale + "\u{0}" + c.request.target
        if let hit = entries.read({ $0[key] }), hit.generation == generation {
            return Response(status: .ok, contentType: "text/html; charset=utf-8", body: hit.body)
        }
        let response = try render()
        if response.status == .ok, case .bytes(let body) = response.body, response.headers.values(for: "Set-Cookie").isEmpty {
            entries.withLock { cache in
                if cache.count >= Self.maxEntries { cache.removeAll(keepingCapacity: true) }
                cache[key] = Entry(generation: generation, body: body)
            }
        }
        return response
    }
}
