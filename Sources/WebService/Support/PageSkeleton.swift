import Foundation
import PageTemplates

/// A page rendered once for everyone who sees it alike (one role of one agency), with stand-ins
/// where each user's own values go: their name and their session's form token. Filling it in is
/// a copy of the text, where rendering it walks the view and the templates again.
///
/// The stand-ins carry a number drawn when the process starts, so no text in a case (which comes
/// from files and forms) can pose as one; the values put in their place are escaped as the
/// templates escape every value.
struct PageSkeleton: Sendable {
    /// The page's text before each stand-in, and after the last.
    private let pieces: [String]
    /// What goes after each piece but the last.
    private let holes: [Hole]

    enum Hole: Int, CaseIterable, Sendable {
        case userName
        case csrf

        /// The text a view carries in this value's place while its skeleton is rendered.
        var standIn: String { PageSkeleton.marker + String(rawValue) + PageSkeleton.markerEnd }
    }

    private static let marker = "\u{E000}zhifa-" + RandomToken.hex(bytes: 16) + "-"
    private static let markerEnd = "\u{E001}"

    /// Cuts a rendered page at its stand-ins.
    init(rendered text: String) {
        var pieces: [String] = []
        var holes: [Hole] = []
        var rest = Substring(text)
        while let start = rest.range(of: Self.marker) {
            let after = rest[start.upperBound...]
            guard let end = after.range(of: Self.markerEnd), let number = Int(after[..<end.lowerBound]), let hole = Hole(rawValue: number)
            else { break }
            pieces.append(String(rest[..<start.lowerBound]))
            holes.append(hole)
            rest = after[end.upperBound...]
        }
        pieces.append(String(rest))
        self.pieces = pieces
        self.holes = holes
    }

    /// The size of the page's text, without what fills it.
    var bytes: Int { pieces.reduce(0) { $0 + $1.utf8.count } }

    /// The page for one user: `values` in place of the stand-ins.
    func filled(_ values: [Hole: String]) -> String {
        var output = ""
        output.reserveCapacity(bytes + 256)
        for (index, piece) in pieces.enumerated() {
            output += piece
            if index < holes.count { HTMLEscaping.append(values[holes[index]] ?? "", to: &output) }
        }
        return output
    }
}

extension Chrome {
    /// The frame of a skeleton (`PageSkeleton`) for `user`'s role and agency: stand-ins for their
    /// name and form token.
    static func standIn(title: String, for user: WebUser) -> Chrome {
        var chrome = Chrome(title: title, user: user, csrf: PageSkeleton.Hole.csrf.standIn)
        chrome.user?.name = PageSkeleton.Hole.userName.standIn
        return chrome
    }

    /// What fills a skeleton's stand-ins for the signed-in user of `context`.
    static func standInValues(_ context: WebRequestContext) -> [PageSkeleton.Hole: String] {
        [.userName: context.identity?.name ?? "", .csrf: context.csrfToken]
    }
}
