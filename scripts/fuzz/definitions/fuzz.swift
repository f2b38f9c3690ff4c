// Fuzz target: any text as a survey definition and as a framework (over the shipped surveys and
// the shop survey the frameworks of the tests use).
import Foundation
import Frameworks
import SurveyDefinition

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let surveys = SurveyCatalogue(
    ["surveys/esem-se", "surveys/msi-forum", "surveys/platform-inventory", "Tests/FrameworksTests/Fixtures/surveys/shop"].compactMap {
        SurveyLoader.load(contentsOf: repository.appendingPathComponent("\($0).yaml").path).document?.survey
    })

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = SurveyLoader.load(text: text, path: "fuzz.yaml")
    _ = FrameworkLoader.load(text: text, path: "fuzz.yaml", surveys: surveys)
    return 0
}
