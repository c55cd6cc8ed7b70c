import Hummingbird

/// How the pages that list (cases, due obligations) are paged: fifty rows, and a page number any
/// query may give, bounded so that the offset it makes cannot overflow.
enum Paging {
    static let size = 50
    /// Beyond any store's size (50 million rows), so that `(page - 1) * size` cannot overflow.
    static let maxPage = 1_000_000

    /// The page `?page=` asks for: the first when it is absent or not a number, never past `maxPage`.
    static func page(_ request: Request) -> Int {
        min(max(1, request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1), maxPage)
    }

    /// How many pages `total` rows fill; at least one, shown empty.
    static func pages(_ total: Int) -> Int {
        max(1, (total + size - 1) / size)
    }
}
