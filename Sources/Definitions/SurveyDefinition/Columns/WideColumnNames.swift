/// The header names of a wide table of a survey's responses, one row per response, as
/// `samla export` writes it and `samla import` reads it back: metadata columns first, then a
/// column per variable, a multiple choice spread into one column per option of its list.
///
/// Names are decided from the definition alone, not from which columns a file holds, so that a
/// spread column has one name whatever the export leaves out (personal data, partial responses):
/// every variable's own name is reserved, and every metadata name. Names are compared ignoring
/// case, as Excel, SPSS, Stata and SQL compare them:
/// - a metadata column whose name a variable takes gets the prefix `response_` (`response_language`);
/// - an option column is `base_option` (the option in capitals when the base name is in capitals,
///   as derived export names are: `ESEM_BARRIERS_FUNDING`), or `base__option` when that name is
///   taken: the option `other` of a question with `other: true` meets its free text `q_other`.
public struct WideColumnNames: Sendable {
    /// Two columns that would have the same name.
    public struct Clash: Error, Hashable, Sendable {
        public var name: String
        /// Who took the name first, and who wanted it as well.
        public var first: String
        public var second: String
        /// The code of the option of `second` that found no name, for an option column.
        public var option: String?
    }

    /// The metadata columns' names, in the order given.
    public let metadata: [String]
    /// Per variable, in the order given: its one column, or for a multiple choice one per option
    /// of ``options(of:in:)``, in list order.
    public let variables: [[String]]

    /// The names for `metadata` (the plain names: `language`, `submitted_at`) and `variables`,
    /// a variable's column named `base(variable)` (its name, or its `export_as` for a partner) and
    /// an option's after `code(choice)` (its value, or the partners' code).
    public init(
        metadata: [String], variables: [Variable], in survey: Survey, base: (Variable) -> String = \.name, code: (Choice) -> String = \.value
    ) throws(Clash) {
        var taken: [String: String] = [:]
        let own = Set(variables.map { base($0).lowercased() })
        func isTaken(_ name: String) -> Bool { taken[name.lowercased()] != nil || own.contains(name.lowercased()) }
        self.metadata = metadata.map { plain in
            let name = isTaken(plain) ? "response_" + plain : plain
            taken[name.lowercased()] = "the response's \(plain)"
            return name
        }
        var names: [[String]] = []
        for variable in variables {
            let name = base(variable)
            guard variable.type == .choices else {
                names.append([name])
                continue
            }
            let inCapitals = name == name.uppercased() && name != name.lowercased()
            var columns: [String] = []
            for choice in Self.options(of: variable, in: survey) {
                let option = inCapitals ? code(choice).uppercased() : code(choice)
                guard let free = ["\(name)_\(option)", "\(name)__\(option)"].first(where: { !isTaken($0) }) else {
                    let last = "\(name)__\(option)"
                    throw Clash(name: last, first: taken[last.lowercased()] ?? last, second: variable.name, option: code(choice))
                }
                taken[free.lowercased()] = variable.name
                columns.append(free)
            }
            names.append(columns)
        }
        self.variables = names
    }

    /// The options a multiple choice can hold, one column each: its question's list, with `other`
    /// when the question allows it.
    public static func options(of variable: Variable, in survey: Survey) -> [Choice] {
        guard let question = survey.question(named: variable.question) else { return [] }
        return survey.choices(for: question)
    }

    /// The metadata of a standard export (`samla export` without a profile), in its column order;
    /// `definition_version` is written only when the responses were answered under more than one
    /// definition, `status` only with partial responses, but their names are reserved always.
    public static let exportMetadata = ["response_id", "language", "submitted_at", "source", "api_client", "definition_version", "status"]

    /// The metadata of a partner export (`--profile`), in its column order: the mode of collection
    /// (`source`) but not the partner system that submitted it (`api_client`).
    public static let partnerMetadata = ["respondent_id", "language", "source", "definition_version", "status"]
}
