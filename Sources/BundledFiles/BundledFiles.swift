/// The files the binary carries inside it, by their path in the repository: the bundled
/// checklists and their schema, the working-day calendar, the interchange format's XSDs, and the
/// web pages' templates and style sheet, and the API's OpenAPI document. With them compiled in, a release binary copied alone into
/// any folder runs; an operator's own Checklists folder (`$ZHIFA_CHECKLISTS`) still adds to or
/// overrides the checklists and calendar.
///
/// `scripts/embed-files` writes the contents from the repository's files, which stay the source;
/// `BundledFilesTests` fails while the two differ.
public enum BundledFiles {
    /// The text of the file at `path` (`Checklists/national.xml`), or nil.
    public static func text(_ path: String) -> String? { contents[path] }

    /// The files under `folder` (`Checklists/calendar`), by name, one level deep.
    public static func files(in folder: String) -> [String: String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var found: [String: String] = [:]
        for (path, text) in contents where path.hasPrefix(prefix) {
            let name = String(path.dropFirst(prefix.count))
            if !name.contains("/") { found[name] = text }
        }
        return found
    }

    /// Every path carried, in order.
    public static var paths: [String] { contents.keys.sorted() }
}
