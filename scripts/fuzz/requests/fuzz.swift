// Fuzz target: any bytes as a request body of `samla serve`: a posted form, and a JSON API body
// (with the reading of its members' JSON texts, which runs on JSON that parsed).
import Foundation
@testable import FormServer

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = UnsafeBufferPointer(start: data, count: size)
    _ = FormBody(buffer)
    let json = Data(buffer)
    _ = JSONAnswers.decode(json)
    if (try? JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])) != nil {
        _ = JSONMembers.read(json)
    }
    return 0
}
