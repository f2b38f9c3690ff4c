import GRDB
import Testing
@testable import Store

/// A disk with no room for the database's `-shm` file. SQLite makes the file and then writes a
/// byte into each of its pages before it maps them; on a full disk that write fails and SQLite says
/// SQLITE_IOERR_SHMSIZE, "disk I/O error" (seen on a full ext4 loop mount: `samla round list` said
/// "E460 the database failed: SQLite error 4874: disk I/O error"). A test cannot fill a disk, so
/// these check how the store reads SQLite's answer; scripts/diskfull/walk.sh runs it on a real one.
@Suite struct FullDiskSharedMemoryTests {
    @Test func noRoomForTheSharedMemoryFileIsAFullDiskNotAnIOError() {
        let shmSize = DatabaseError(resultCode: .SQLITE_IOERR_SHMSIZE, message: "disk I/O error")
        #expect(StoreError(databaseFailure: shmSize, path: "/data/samla.sqlite") == .databaseFull(path: "/data/samla.sqlite"))
        #expect(StoreError(databaseFailure: DatabaseError(resultCode: .SQLITE_IOERR_WRITE, message: "disk I/O error"), path: "/data/samla.sqlite") == nil,
                "another I/O error is not taken for a full disk")
    }

    @Test func aReadOnlyOpenFallsBackToTheUnchangingFileWhenTheDiskHasNoRoomForTheSharedMemoryFile() {
        let shmSize = DatabaseError(resultCode: .SQLITE_IOERR_SHMSIZE, message: "disk I/O error")
        #expect(SQLiteStore.isMissingSharedMemory(shmSize))
        #expect(SQLiteStore.isSharedMemoryOnFullDisk(shmSize))
        #expect(SQLiteStore.isSharedMemoryOnFullDisk(DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full")))
        let readOnlyFolder = DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "unable to open database file")
        #expect(SQLiteStore.isMissingSharedMemory(readOnlyFolder))
        #expect(!SQLiteStore.isSharedMemoryOnFullDisk(readOnlyFolder), "a read-only folder is W444's case, not a full disk")
        #expect(!SQLiteStore.isMissingSharedMemory(DatabaseError(resultCode: .SQLITE_IOERR_READ, message: "disk I/O error")))
    }
}
