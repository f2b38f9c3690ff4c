import Store

extension ResponseSource {
    /// The name of the collection mode in results and reports, in Swedish (`sv`) or English.
    func label(_ language: String) -> String {
        let sv = language == "sv"
        switch self {
        case .web: return sv ? "Webbformulär" : "Web form"
        case .import: return sv ? "Importerad fil" : "Imported file"
        case .api: return sv ? "API (partnersystem)" : "API (partner system)"
        }
    }
}
