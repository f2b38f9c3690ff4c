import Diagnostics
import Foundation
import SurveyDefinition

/// The survey definitions a framework is checked against, by survey id: read from files next to
/// the framework (`samla validate`) or from the definitions a database pins its rounds to (`samla compute`).
public struct SurveyCatalogue: Sendable {
    public var surveys: [String: Survey]
    /// Why a survey that was looked for is not available, by id (its file has errors, say).
    public var problems: [String: String]
    /// Where a survey's definition came from, by id, when that is not a file beside the framework
    /// (`esem-se version 2027.1, the latest the database holds`); problems found against it say so.
    public var origins: [String: String]
    /// Ids of other surveys known to be there (`ID.yaml` files in the `surveys` folders looked in), not
    /// loaded: the candidates, with `surveys`, for "did you mean" on a misspelt survey id.
    public var otherSurveys: Set<String>

    public init(surveys: [String: Survey] = [:], problems: [String: String] = [:], origins: [String: String] = [:], otherSurveys: Set<String> = []) {
        self.surveys = surveys
        self.problems = problems
        self.origins = origins
        self.otherSurveys = otherSurveys
    }

    public init(_ surveys: [Survey]) {
        self.init(surveys: Dictionary(surveys.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    public subscript(id: String) -> Survey? { surveys[id] }

    /// Looks for `ID.yaml` of each id in `folders`, first match wins; `given` (files named on the
    /// command line) are read first and found by the id inside them.
    public static func discover(ids: [String], folders: [String], given: [String] = []) -> SurveyCatalogue {
        var catalogue = SurveyCatalogue()
        for path in given {
            let result = SurveyLoader.load(contentsOf: path)
            if let survey = result.document?.survey, catalogue.surveys[survey.id] == nil {
                catalogue.surveys[survey.id] = survey
            }
        }
        for id in ids where catalogue.surveys[id] == nil {
            var tried: [String] = []
            for folder in folders {
                let path = (folder as NSString).appendingPathComponent("\(id).yaml")
                tried.append(path)
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let result = SurveyLoader.load(contentsOf: path)
                if let survey = result.document?.survey {
                    if survey.id == id {
                        catalogue.surveys[id] = survey
                        catalogue.problems[id] = nil
                        break
                    }
                    catalogue.problems[id] = "\(path) defines the survey '\(survey.id)', not '\(id)'"
                } else {
                    catalogue.problems[id] = "its definition \(path) has errors; run `samla validate \(path)`"
                }
            }
            if catalogue.surveys[id] == nil, catalogue.problems[id] == nil {
                catalogue.problems[id] = "no definition was found (looked for \(tried.joined(separator: ", "))); give its file too, e.g. samla validate surveys/\(id).yaml FRAMEWORK"
            }
        }
        if ids.contains(where: { catalogue.surveys[$0] == nil }) {
            for folder in folders where (folder as NSString).standardizingPath.hasSuffix("surveys") {
                let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                for file in files where file.hasSuffix(".yaml") {
                    let id = String(file.dropLast(5))
                    if catalogue.surveys[id] == nil, !ids.contains(id) { catalogue.otherSurveys.insert(id) }
                }
            }
        }
        return catalogue
    }

    /// The folders a framework's surveys are looked for in: `surveys/` beside the framework's
    /// folder (frameworks/x.yaml → surveys/), the framework's own folder, and `surveys/` here.
    public static func defaultFolders(forFramework path: String) -> [String] {
        let folder = PathText.folder(of: path)
        let here = folder.isEmpty ? "." : folder
        let candidates = [here + "/../surveys", here, "surveys"]
        var seen = Set<String>()
        return candidates.filter { seen.insert(($0 as NSString).standardizingPath).inserted }
    }

}
