import SurveyDefinition

/// The columns of an export, decided once from the round's definition and the options: which
/// variables are read, in which order, and what each column is called.
///
/// Columns follow the definition: metadata first, then every exported variable in question order,
/// a multiple choice spread into one 0/1 column per option of its list.
public struct ExportLayout: Sendable {
    public let survey: Survey
    public let options: ExportOptions
    /// The language of labels and of the codebook.
    public let language: String
    public let columns: [ExportColumn]
    /// The variables read from the store, in scan order.
    public let variables: [Variable]

    /// Lays out the export of `survey`, or refuses with diagnostics (E600, E603, E606).
    public init(survey: Survey, options: ExportOptions) throws(ExportError) {
        self.survey = survey
        self.options = options
        let language = options.language ?? survey.languages.first ?? "en"
        guard survey.languages.contains(language) else {
            throw .languageUnknown(language, available: survey.languages)
        }
        self.language = language

        let personal = survey.personalDataSources
        let marked = survey.variables.map { variable in
            var variable = variable
            variable.isPII = variable.isPII || personal[variable.name] != nil
            return variable
        }
        let named = marked.filter { variable in
            if variable.isPII && !options.exportsPII { return false }
            if options.profile == .euclid && variable.exportAs == nil { return false }
            return true
        }
        let freeText = Set(survey.freeTextSources.keys)
        let exported = options.exportsFreeText ? named : named.filter { !freeText.contains($0.name) }
        if options.profile == .euclid && exported.isEmpty { throw .profileEmpty(survey: survey.id) }
        variables = exported

        let metadata: [ExportColumn.Content] = (options.profile == nil ? [.responseID, .language, .submittedAt] : [.pseudonym, .language])
            + (options.selection == .all ? [.status] : [])
        // A free text left out keeps its name: the option `other` stays `Q__OTHER` beside it, as
        // in a package with the texts, so a column means the same in every package.
        var columns = try Self.columns(
            metadata: metadata, variables: exported, survey: survey, profile: options.profile,
            reserving: options.exportsFreeText ? [] : named.filter { freeText.contains($0.name) })
        // The partners' names of every column that has one, by the same rules as a partner export
        // (where a clash among them is refused; here it only leaves the names out).
        let partnerNamed = marked.filter { $0.exportAs != nil && !$0.isPII }
        let partnerColumns = (try? Self.columns(metadata: [], variables: partnerNamed, survey: survey, profile: .euclid)) ?? []
        var exportNames: [ExportColumn.Content: String] = [:]
        for column in partnerColumns { exportNames[column.content] = column.name }
        for i in columns.indices { columns[i].exportName = exportNames[columns[i].content] }
        // Compared ignoring case, as Excel, SPSS, Stata and SQL compare column names.
        var seen: [String: String] = [:]
        for column in columns {
            let owner = column.variable?.name ?? "the response's \(column.name)"
            if let first = seen[column.name.lowercased()] { throw .columnClash(name: column.name, first: first, second: owner) }
            seen[column.name.lowercased()] = owner
        }
        self.columns = columns
    }

    /// The columns of `variables` after `metadata`, named for `profile`.
    private static func columns(
        metadata: [ExportColumn.Content], variables: [Variable], survey: Survey, profile: ExportProfile?, reserving left: [Variable] = []
    ) throws(ExportError) -> [ExportColumn] {
        var naming = ColumnNaming()
        for variable in variables + left { naming.reserve(baseName(of: variable, profile: profile)) }
        var columns: [ExportColumn] = []
        for content in metadata {
            columns.append(ExportColumn(name: naming.metadataName(ExportColumn.metadataName(content)), content: content))
        }
        for (index, variable) in variables.enumerated() {
            let base = baseName(of: variable, profile: profile)
            if variable.type == .choices {
                for choice in options(of: variable, in: survey) {
                    let name = try naming.optionName(base: base, option: code(of: choice, profile: profile), variable: variable.name)
                    columns.append(ExportColumn(name: name, content: .option(variable, choice), variableIndex: index))
                }
            } else {
                columns.append(ExportColumn(name: base, content: .value(variable), variableIndex: index))
            }
        }
        return columns
    }

    /// The name a variable's column has: its own, or its `export_as` in a partner profile.
    static func baseName(of variable: Variable, profile: ExportProfile?) -> String {
        profile == .euclid ? variable.exportAs ?? variable.name : variable.name
    }

    /// The options a choice variable can hold: its question's list, with `other` when allowed.
    static func options(of variable: Variable, in survey: Survey) -> [Choice] {
        guard let question = survey.question(named: variable.question) else { return [] }
        return survey.choices(for: question)
    }

    /// The question a column's variable belongs to.
    public func question(of column: ExportColumn) -> Question? {
        column.variable.flatMap { survey.question(named: $0.question) }
    }

    /// The choices of a column's variable (for `.value` of a choice variable), else empty.
    public func choices(of variable: Variable) -> [Choice] {
        Self.options(of: variable, in: survey)
    }

    /// The code a cell holds for `choice`: the partners' `export_as` in a partner profile, else its value.
    public func code(of choice: Choice) -> String {
        Self.code(of: choice, profile: options.profile)
    }

    static func code(of choice: Choice, profile: ExportProfile?) -> String {
        profile == .euclid ? choice.exportCode : choice.value
    }

    /// What a cell shows for `choice` before spreadsheet safety: its code, or with `--labels` its label.
    public func shown(_ choice: Choice) -> String {
        options.values == .labels ? choice.label.resolved(language, fallbacks: survey.languages) : code(of: choice)
    }
}

/// Gives every column a distinct name, ignoring case (`q_A` and `q_a` are one column to Excel, SPSS,
/// Stata and SQL): a spread option `q_opt` that another column already uses becomes `q__opt`; a
/// metadata column whose name a variable uses gets the prefix `response_`.
struct ColumnNaming {
    /// Who took each name, by its lowercased form.
    private var taken: [String: String] = [:]
    /// The variables' own column names, lowercased.
    private var variables = Set<String>()

    /// Marks a variable's own column name as used.
    mutating func reserve(_ name: String) {
        variables.insert(name.lowercased())
    }

    mutating func metadataName(_ name: String) -> String {
        let chosen = isTaken(name) ? "response_" + name : name
        taken[chosen.lowercased()] = "metadata"
        return chosen
    }

    /// `base_option`, the option in capitals when the base name is in capitals (as derived export
    /// names are: `ESEM_BARRIERS_FUNDING`); `base__option` when that is taken.
    mutating func optionName(base: String, option: String, variable: String) throws(ExportError) -> String {
        let inCapitals = base == base.uppercased() && base != base.lowercased()
        let option = inCapitals ? option.uppercased() : option
        for name in ["\(base)_\(option)", "\(base)__\(option)"] where !isTaken(name) {
            taken[name.lowercased()] = variable
            return name
        }
        let last = "\(base)__\(option)"
        throw .columnClash(name: last, first: taken[last.lowercased()] ?? last, second: variable)
    }

    private func isTaken(_ name: String) -> Bool {
        taken[name.lowercased()] != nil || variables.contains(name.lowercased())
    }
}
