import Diagnostics

/// Reads the `languages` list of a survey or framework: language codes, the default first.
public enum LanguageListReader {
    /// The codes in order, or nil when the list is missing, empty or has an invalid code
    /// (each reported as E116; a repeated code is reported and read once).
    public static func read(_ node: YAMLNode, diagnostics: inout DiagnosticList) -> [String]? {
        guard let items = node.list("`languages`", diagnostics: &diagnostics) else { return nil }
        if items.isEmpty {
            diagnostics.report(.invalidLanguages, at: node.location, "`languages` is empty; list the language codes, the default first, e.g. [sv, en]")
            return nil
        }
        var languages: [String] = []
        var valid = true
        for item in items {
            guard let code = item.text("a language in `languages`", diagnostics: &diagnostics) else {
                valid = false
                continue
            }
            if !NamePattern.isLanguageCode(code) {
                diagnostics.report(.invalidLanguages, at: item.location,
                                   "'\(code)' is not a language code; use two or three lowercase letters such as sv, en or se")
                valid = false
            } else if languages.contains(code) {
                diagnostics.report(.invalidLanguages, at: item.location, "the language \(code) is listed twice in `languages`; list it once")
            } else {
                languages.append(code)
            }
        }
        return valid ? languages : nil
    }
}
