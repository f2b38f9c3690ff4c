import Foundation
import Testing

#if os(Linux)
/// Stopping the built `samla serve` (SIGTERM) while an admin's download is being made: the export's
/// temporary folder in the system's temporary folder (`samla-download-XXXXXX`) is removed when the
/// server stops, and what is not a download of this server is kept.
///
/// An export of the test's round takes milliseconds, so the server runs with a small library in
/// `LD_PRELOAD` that holds the export still at its first file: once the file `$HOLD_EXPORT_WHEN`
/// is there, the first `open` of a file in an export's staging folder inside a download folder
/// makes the file `$HOLD_EXPORT_MARKER` and never returns. The test waits for that file, not for a
/// length of time, and the download is then in progress for as long as the process lives.
@Suite struct StopDuringDownloadTests {
    static let library = """
        #define _GNU_SOURCE
        #include <dlfcn.h>
        #include <fcntl.h>
        #include <stdarg.h>
        #include <stdatomic.h>
        #include <stdlib.h>
        #include <string.h>
        #include <unistd.h>

        static atomic_int held;

        static void holdIfExporting(const char *path) {
            const char *when = getenv("HOLD_EXPORT_WHEN"), *marker = getenv("HOLD_EXPORT_MARKER");
            if (!when || !marker || !path || !strstr(path, "samla-download-") || !strstr(path, "/.samla-export-")) return;
            if (access(when, F_OK) != 0 || atomic_fetch_add(&held, 1) != 0) return;
            int (*next)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
            int made = next(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
            if (made >= 0) close(made);
            for (;;) pause();
        }

        #define MODE(flags) mode_t mode = 0; \\
            if ((flags) & (O_CREAT | O_TMPFILE)) { va_list list; va_start(list, flags); mode = va_arg(list, int); va_end(list); }

        int open(const char *path, int flags, ...) {
            MODE(flags)
            holdIfExporting(path);
            return ((int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open"))(path, flags, mode);
        }
        int open64(const char *path, int flags, ...) {
            MODE(flags)
            holdIfExporting(path);
            return ((int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open64"))(path, flags, mode);
        }
        int openat(int folder, const char *path, int flags, ...) {
            MODE(flags)
            holdIfExporting(path);
            return ((int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat"))(folder, path, flags, mode);
        }
        int openat64(int folder, const char *path, int flags, ...) {
            MODE(flags)
            holdIfExporting(path);
            return ((int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat64"))(folder, path, flags, mode);
        }
        """

    /// The library, compiled with the Swift toolchain's clang (no other C compiler is needed) into `folder`.
    static func holdingLibrary(in folder: URL) throws -> String {
        let source = folder.appendingPathComponent("hold-export.c").path
        let library = folder.appendingPathComponent("hold-export.so").path
        try Self.library.write(toFile: source, atomically: true, encoding: .utf8)
        let compiler = Process()
        compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compiler.arguments = ["clang", "-shared", "-fPIC", "-o", library, source, "-ldl"]
        let errors = Pipe()
        compiler.standardError = errors
        try compiler.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        compiler.waitUntilExit()
        try #require(compiler.terminationStatus == 0, "clang could not build the library: \(String(decoding: said, as: UTF8.self))")
        return library
    }

    @Test(.timeLimit(.minutes(3))) func theStopRemovesTheFolderOfADownloadStillBeingMade() async throws {
        let environment = try TestEnvironment()
        let folder = environment.folder
        let tokenFile = folder.appendingPathComponent("api-token").path
        try (TestEnvironment.apiToken + "\n").write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let secretFile = folder.appendingPathComponent("admin-secret").path
        try (TestEnvironment.adminSecret + "\n").write(toFile: secretFile, atomically: true, encoding: .utf8)
        let temporary = folder.appendingPathComponent("tmp")
        // A download folder of another server on the machine, which this one must leave alone.
        let other = temporary.appendingPathComponent("samla-download-0ther1/export")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("another server's export".utf8).write(to: other.appendingPathComponent("responses.csv"))
        let when = folder.appendingPathComponent("hold-from-now").path
        let marker = folder.appendingPathComponent("export-held").path
        let server = try CrashTests.ServerProcess(
            database: environment.databasePath, tokenFile: tokenFile, arguments: ["--admin-secret-file", secretFile],
            environment: ["TMPDIR": temporary.path, "LD_PRELOAD": try Self.holdingLibrary(in: folder),
                          "HOLD_EXPORT_WHEN": when, "HOLD_EXPORT_MARKER": marker])
        defer { if server.process.isRunning { server.kill(SIGKILL) } }
        func downloadFolders() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter { $0.hasPrefix("samla-download-") }.sorted()
        }

        let client = WebClient(port: server.port)
        _ = try await AdminDownloadTests.collect(client)
        try await signIn(client)
        // A download made in full: its folder is removed as soon as its files are open.
        let finished = try await AdminDownloadTests.download(client, "/admin/rounds/esem-open/exports/responses.csv",
                                                             type: AdminDownloadTests.csv, fileName: "esem-open-responses.csv")
        #expect(finished.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 3)
        #expect(try downloadFolders() == ["samla-download-0ther1"])

        // A download held at its first file.
        try Data().write(to: URL(fileURLWithPath: when))
        let held = Task { try? await client.get("/admin/rounds/esem-open/exports/codebook.csv") }
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: marker) {
            try #require(server.process.isRunning, "the server ended before the export was held")
            try #require(Date() < deadline, "the export was not held within a minute")
            try await Task.sleep(for: .milliseconds(10))
        }
        let folders = try downloadFolders()
        #expect(folders.count == 2, "\(folders)")
        let inProgress = try #require(folders.first { $0 != "samla-download-0ther1" })
        let staged = try FileManager.default.contentsOfDirectory(atPath: temporary.appendingPathComponent(inProgress + "/export").path)
        #expect(staged.count == 1 && staged.first?.hasPrefix(".samla-export-") == true, "the export is being made: \(staged)")

        let stopped = Date()
        kill(server.process.processIdentifier, SIGTERM)
        while server.process.isRunning, Date().timeIntervalSince(stopped) < 40 { try await Task.sleep(for: .milliseconds(50)) }
        let seconds = Date().timeIntervalSince(stopped)
        try #require(!server.process.isRunning, "the server did not stop within 40 s of SIGTERM")
        _ = await held.value
        #expect(server.process.terminationReason == .exit && server.process.terminationStatus == 0)
        #expect(seconds < 25, "the stop took \(seconds) s")
        #expect(try downloadFolders() == ["samla-download-0ther1"], "the download's folder is removed, the other server's kept")
        #expect(try String(contentsOf: other.appendingPathComponent("responses.csv"), encoding: .utf8) == "another server's export")
    }
}
#endif
