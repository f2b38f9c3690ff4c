import Foundation

/// Runs the built `samla` executable, found next to the test bundle.
enum SamlaBinary {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static var url: URL {
        #if os(macOS)
        let folder = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
            ?? Bundle.main.bundleURL
        #else
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        #endif
        return folder.appendingPathComponent("samla")
    }

    /// Runs `samla` (the built one, or `binary`) with `arguments`, in `directory` when given (else the
    /// test's own), through `launcher` when given (a program and its arguments that run `samla`,
    /// e.g. as another user), with `environment` added to the test's own (`TZ`, say). With
    /// `standardOutput` (`/dev/full`, say) the command writes there, and `output` is empty.
    static func run(
        _ arguments: [String], in directory: URL? = nil, binary: URL = url, through launcher: [String] = [], environment: [String: String] = [:],
        standardOutput: FileHandle? = nil
    ) throws -> Run {
        let process = Process()
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.executableURL = launcher.first.map { URL(fileURLWithPath: $0) } ?? binary
        process.arguments = launcher.isEmpty ? arguments : launcher.dropFirst() + [binary.path] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = standardOutput ?? output
        process.standardError = errors
        try process.run()
        if standardOutput != nil { try output.fileHandleForWriting.close() }
        // Read before waiting, so that a large output cannot fill the pipe and block the child.
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }

    /// The test data of the survey definition tests.
    static func fixture(_ relative: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SurveyDefinitionTests/Fixtures").appendingPathComponent(relative).path
    }
}
