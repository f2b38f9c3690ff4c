import Frameworks
import Store
import SurveyDefinition

/// The survey definitions a framework is checked against with a database: those of `samla compute`,
/// and of `samla validate --db`, which reads the definition files as the versions after the stored ones.
enum FrameworkSurveys {
    struct Found {
        var catalogue: SurveyCatalogue
        /// The versions the database holds of each survey id, oldest first.
        var storedVersions: [String: [String]]
    }

    /// For each of `ids`: its definition in `files` (what `samla validate` reads) with the stored
    /// versions as its earlier ones; else the latest stored version with its earlier ones; else its
    /// file found beside the framework at `path`. A question asked by any version is known, so an
    /// indicator that reads a question the latest version dropped is checked against the rounds that asked it.
    static func catalogue(ids: [String], store: any Store, files: SurveyCatalogue? = nil, framework path: String) throws -> Found {
        var catalogue = SurveyCatalogue()
        var fromFiles: [String] = []
        var storedVersions: [String: [String]] = [:]
        for id in ids.sorted() {
            let stored = try store.definitions(survey: id)
            storedVersions[id] = stored.map(\.version)
            let versions = stored.compactMap { SurveyLoader.load(text: $0.sourceText, path: "\(id)@\($0.version)").document?.survey }
            let earlier = versions.count == 1 ? "its version \(versions[0].version) in the database" : "its \(versions.count) versions in the database"
            if let file = files?.surveys[id] {
                catalogue.surveys[id] = file.withEarlierVersions(versions)
                if !versions.isEmpty { catalogue.origins[id] = "\(id) version \(file.version) in \(file.location.file) and \(earlier)" }
            } else if let latest = stored.last, let survey = versions.last, survey.version == latest.version {
                catalogue.surveys[id] = survey.withEarlierVersions(Array(versions.dropLast()))
                catalogue.origins[id] = versions.count == 1
                    ? "\(id) version \(latest.version), the latest definition of it in the database"
                    : "\(id) version \(latest.version), the latest definition of it in the database, and its earlier versions"
            } else {
                fromFiles.append(id)
            }
        }
        if !fromFiles.isEmpty {
            let found = files ?? SurveyCatalogue.discover(ids: fromFiles, folders: SurveyCatalogue.defaultFolders(forFramework: path))
            for id in fromFiles {
                catalogue.surveys[id] = found.surveys[id]
                catalogue.problems[id] = found.problems[id]
            }
            // Every survey file in the surveys folder read, for "did you mean" on a misspelt id.
            catalogue.otherSurveys.formUnion(found.otherSurveys)
        }
        return Found(catalogue: catalogue, storedVersions: storedVersions)
    }
}
