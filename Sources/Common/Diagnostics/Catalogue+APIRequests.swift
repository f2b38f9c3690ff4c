// E900–E902: a JSON API request that no route answers (an address or a method the API does not
// have) or that failed in the server, so that every error under /api/ carries a code (E4xx is full).
extension DiagnosticCode {
    public static let apiNoSuchResource = DiagnosticCode("E900", .error, "an API request to an address the JSON API does not have")
    public static let apiMethodNotAllowed = DiagnosticCode("E901", .error, "an API request with a method its address does not take")
    public static let apiServerFailure = DiagnosticCode("E902", .error, "an API request the server failed on unexpectedly")

    static let apiRequestCodes: [DiagnosticCode] = [apiNoSuchResource, apiMethodNotAllowed, apiServerFailure]
}
