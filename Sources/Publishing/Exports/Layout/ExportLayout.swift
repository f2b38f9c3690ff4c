import Store
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
    /// The version of each definition the responses were answered under, by hash, when there is
    /// more than one (a definition mended while the round collected): the `definition_version`
    /// column's values. Empty otherwise, and the column is left out.
    public let definitionVersions: [String: String]

    /// Lays out the export of `survey`, whose responses were `answeredUnder` those definitions, or
    /// refuses with diagnostics (E600, E603, E606).
    public init(survey: Survey, options: ExportOptions, answeredUnder: [DefinitionUse] = []) throws(ExportError) {
        self.survey = survey
        self.options = options
        definitionVersions = answeredUnder.count > 1 ? Dictionary(answeredUnder.map { ($0.hash, $0.version) }, uniquingKeysWith: { first, _ in first }) : [:]
        let language = options.language(offered: survey.languages) ?? "en"
        guard survey.languages.contains(language) else {
            throw .languageUnknown(language, available: survey.languages)
        }
        self.language = language

        let marked = Self.marked(survey)
        let named = Self.named(marked, options: options)
        let exported = Self.exported(named, of: survey, options: options)
        if options.profile == .euclid && exported.isEmpty { throw .profileEmpty(survey: survey.id) }
        variables = exported

        let metadata: [ExportColumn.Content] = (options.profile == nil ? [.responseID, .language, .submittedAt, .source, .apiClient] : [.pseudonym, .language, .source])
            + (definitionVersions.isEmpty ? [] : [.definitionVersion])
            + (options.selection == .all ? [.status] : [])
        // Names are decided over every variable the profile names, exported or not (personal data,
        // free texts left out), so that a column has one name in every export of the survey and
        // `samla import` finds it by the same rules: the option `other` stays `Q__OTHER` beside a
        // free text left out.
        var columns = try Self.columns(
            metadata: metadata, variables: exported, survey: survey, profile: options.profile,
            naming: options.profile == .euclid ? named : marked)
        // The partners' names of every column that has one, by the same rules as a partner export
        // (where a clash among them is refused; here it only leaves the names out).
        let partnerNamed = marked.filter { $0.exportAs != nil && !$0.isPII }
        let partnerColumns = (try? Self.columns(metadata: [], variables: partnerNamed, survey: survey, profile: .euclid, naming: partnerNamed)) ?? []
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

    /// The survey's variables, each marked personal data that is or that a calculation copies from.
    private static func marked(_ survey: Survey) -> [Variable] {
        let personal = survey.personalDataSources
        return survey.variables.map { variable in
            var variable = variable
            variable.isPII = variable.isPII || personal[variable.name] != nil
            return variable
        }
    }

    /// Of `marked`, those the options name a column for: no personal data unless asked for, and in a
    /// partner profile only those with an `export_as`.
    private static func named(_ marked: [Variable], options: ExportOptions) -> [Variable] {
        marked.filter { variable in
            if variable.isPII && !options.exportsPII { return false }
            if options.profile == .euclid && variable.exportAs == nil { return false }
            return true
        }
    }

    /// Of `named`, those written: without free text unless asked for.
    private static func exported(_ named: [Variable], of survey: Survey, options: ExportOptions) -> [Variable] {
        guard !options.exportsFreeText else { return named }
        let freeText = Set(survey.freeTextSources.keys)
        return named.filter { !freeText.contains($0.name) }
    }

    /// The variables an export of `survey` with `options` writes, as ``variables`` of its layout
    /// would be: what an export of another round, on another definition, held.
    static func exportedVariables(of survey: Survey, options: ExportOptions) -> [Variable] {
        exported(named(marked(survey), options: options), of: survey, options: options)
    }

    /// The columns of `variables` after `metadata`, named for `profile` by ``WideColumnNames`` over
    /// `naming`: every variable the profile could export, in definition order, `variables` among them.
    private static func columns(
        metadata: [ExportColumn.Content], variables: [Variable], survey: Survey, profile: ExportProfile?, naming: [Variable]
    ) throws(ExportError) -> [ExportColumn] {
        let metadataNames = profile == nil ? WideColumnNames.exportMetadata : WideColumnNames.partnerMetadata
        let names: WideColumnNames
        do {
            names = try WideColumnNames(
                metadata: metadataNames, variables: naming, in: survey, base: { baseName(of: $0, profile: profile) },
                code: { code(of: $0, profile: profile) })
        } catch {
            throw .columnClash(name: error.name, first: error.first, second: error.second)
        }
        var columns: [ExportColumn] = metadata.map { content in
            ExportColumn(name: names.metadata[metadataNames.firstIndex(of: ExportColumn.metadataName(content))!], content: content)
        }
        let exported = Dictionary(uniqueKeysWithValues: variables.enumerated().map { ($1.name, $0) })
        for (variable, variableNames) in zip(naming, names.variables) {
            guard let index = exported[variable.name] else { continue }
            if variable.type == .choices {
                for (choice, name) in zip(options(of: variable, in: survey), variableNames) {
                    columns.append(ExportColumn(name: name, content: .option(variable, choice), variableIndex: index))
                }
            } else {
                columns.append(ExportColumn(name: variableNames[0], content: .value(variable), variableIndex: index))
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
        WideColumnNames.options(of: variable, in: survey)
    }

    /// The question a column's variable belongs to.
    public func question(of column: ExportColumn) -> Question? {
        column.variable.flatMap { survey.question(named: $0.question) }
    }

    /// The choices of a column's variable (for `.value` of a choice variable), else empty.
    public func choices(of variable: Variable) -> [Choice] {
        Self.options(of: variable, in: survey)
    }

    /// The bands a cell of `variable` holds instead of its number: in a partner export, those of its
    /// question's `export_bands`; nil when the exact number is written.
    public func bands(of variable: Variable) -> ExportBands? {
        ExportBands(variable, profile: options.profile)
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
