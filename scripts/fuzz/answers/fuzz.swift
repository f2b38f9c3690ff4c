// Fuzz target: any cells (separated by 0x1F) as the answers of a response to a shipped survey,
// coded and checked as a complete response. The first byte picks the survey and the first variable.
import Expressions
import Foundation
import Responses
import SurveyDefinition

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let validators: [ResponseValidator] = ["esem-se", "msi-forum", "platform-inventory"].map {
    let survey = SurveyLoader.load(contentsOf: repository.appendingPathComponent("surveys/\($0).yaml").path).document!.survey
    return try! ResponseValidator(survey: survey, today: CalendarDate(year: 2026, month: 11, day: 29)!)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 1 else { return 0 }
    let validator = validators[Int(data[0]) % validators.count]
    var sheet = validator.makeSheet()
    let cells = UnsafeBufferPointer(start: data + 1, count: size - 1).split(separator: 0x1F, omittingEmptySubsequences: false)
    for (offset, cell) in cells.enumerated() {
        sheet.setAnswer(text: String(decoding: cell, as: UTF8.self), variable: (Int(data[0]) / 3 + offset) % validator.variables.count)
    }
    validator.check(&sheet, mode: .complete)
    return 0
}
