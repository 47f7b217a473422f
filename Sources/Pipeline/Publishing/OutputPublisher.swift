#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLandscapeSystem
import Foundation

/// Publishes a run's outputs all at once, so that a reader never sees half a file or a mix of
/// two runs, and a run that fails or is killed at any moment leaves the previous outputs as
/// they were.
///
/// Every output is written into a staging folder beside the output directory and flushed
/// (`fsync`); files in the output directory that are not outputs of a run (the lock file, the
/// history database, `.gitkeep`, anything an analyst put there) are hard-linked into it; then
/// the staging folder and the output directory are exchanged in one `renameat2(RENAME_EXCHANGE)`.
/// Where the file system cannot exchange, each file is renamed into place instead, with
/// `manifest.json` last, so that a complete manifest always describes complete files.
public final class OutputPublisher {
    /// The live output directory.
    public let directory: String
    /// Where this run's outputs are written before publishing.
    public let staging: String
    private var written: [String] = []
    private var published = false

    /// Creates the output directory if needed and a fresh staging folder beside it, removing
    /// staging folders that killed runs left behind (the caller holds the run lock).
    public init(directory: String) throws {
        let fileManager = FileManager.default
        // Publish into the folder a symlinked output directory points to, never over the link.
        let directory = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        self.directory = directory
        let url = URL(fileURLWithPath: directory)
        let parent = url.deletingLastPathComponent().path
        let prefix = ".\(url.lastPathComponent).staging-"
        do {
            try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(.cannotCreate, "cannot create the output directory", file: directory, cause: "\(error.localizedDescription)")
        }
        for leftover in (try? fileManager.contentsOfDirectory(atPath: parent)) ?? [] where leftover.hasPrefix(prefix) {
            try? fileManager.removeItem(atPath: (parent as NSString).appendingPathComponent(leftover))
        }
        staging = (parent as NSString).appendingPathComponent(prefix + String(getpid()))
        do {
            try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw PipelineError(.cannotCreate, "cannot create the staging folder", file: staging, cause: "\(error.localizedDescription)")
        }
    }

    /// Writes one output file into the staging folder and flushes it to disk.
    public func write(_ name: String, _ data: Data) throws {
        try data.withUnsafeBytes { try write(name, bytes: $0) }
    }

    /// Writes text as UTF-8, straight from the string's storage (a large table is not copied).
    public func write(_ name: String, _ text: String) throws {
        var text = text
        try text.withUTF8 { try write(name, bytes: UnsafeRawBufferPointer($0)) }
    }

    private func write(_ name: String, bytes buffer: UnsafeRawBufferPointer) throws {
        let file = try create(name)
        try file.write(buffer)
        try file.finish()
    }

    /// Creates an output in the staging folder to be written piece by piece (from any one
    /// thread), so that a large table never has to be held whole; ``StagedFile/finish()``
    /// flushes it to disk.
    public func create(_ name: String) throws -> StagedFile {
        let file = try StagedFile(path: (staging as NSString).appendingPathComponent(name))
        written.append(name)
        return file
    }

    /// Makes the staged outputs live. `last` is published last where files are renamed one by one.
    public func publish(last: String = "manifest.json") throws {
        let fileManager = FileManager.default
        let outputs = Set(written)
        // Carry over what is not an output of a run: same inodes, so the held lock stays held.
        for entry in (try? fileManager.contentsOfDirectory(atPath: directory)) ?? [] where !outputs.contains(entry) {
            let source = (directory as NSString).appendingPathComponent(entry)
            var info = stat()
            guard lstat(source, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let target = (staging as NSString).appendingPathComponent(entry)
            if link(source, target) != 0 && errno != EEXIST { throw publishingFailure("cannot carry over", source) }
        }
        try syncDirectory(staging)
        if landscape_rename_exchange(staging, directory) == 0 {
            // `staging` now holds the previous outputs. Move over anything that could not be
            // hard-linked (folders, links), then drop the rest.
            for entry in (try? fileManager.contentsOfDirectory(atPath: staging)) ?? [] where !outputs.contains(entry) {
                let source = (staging as NSString).appendingPathComponent(entry)
                let target = (directory as NSString).appendingPathComponent(entry)
                if !fileManager.fileExists(atPath: target) { _ = rename(source, target) }
            }
            try syncDirectory(URL(fileURLWithPath: directory).deletingLastPathComponent().path)
        } else if errno == EINVAL || errno == ENOSYS || errno == EXDEV {
            for name in written.filter({ $0 != last }) + written.filter({ $0 == last }) {
                let source = (staging as NSString).appendingPathComponent(name)
                let target = (directory as NSString).appendingPathComponent(name)
                guard rename(source, target) == 0 else { throw publishingFailure("cannot publish", target) }
            }
            try syncDirectory(directory)
        } else {
            throw publishingFailure("cannot publish", directory)
        }
        published = true
        try? fileManager.removeItem(atPath: staging)
    }

    /// Removes the staging folder without publishing (a failed run).
    public func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }

    deinit {
        if !published { discard() }
    }

    private func syncDirectory(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw publishingFailure("cannot open", path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw publishingFailure("cannot flush", path) }
    }
}

/// A file operation of publishing that failed, with the system's reason (`errno`).
private func publishingFailure(_ what: String, _ path: String) -> PipelineError {
    PipelineError(.cannotCreate, what, file: path, cause: String(cString: strerror(errno)))
}

/// One output being written into the staging folder (see ``OutputPublisher/create(_:)``).
public final class StagedFile: @unchecked Sendable {
    public let path: String
    private var descriptor: Int32

    init(path: String) throws {
        self.path = path
        // A new file in the run's own staging folder: never an existing file or link.
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw publishingFailure("cannot create", path) }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Appends bytes.
    public func write(_ buffer: UnsafeRawBufferPointer) throws(PipelineError) {
        var offset = 0
        while offset < buffer.count {
            let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw publishingFailure("cannot write", path)
            }
            offset += count
        }
    }

    /// Flushes the file to disk and closes it.
    public func finish() throws(PipelineError) {
        guard fsync(descriptor) == 0 else { throw publishingFailure("cannot flush", path) }
        close(descriptor)
        descriptor = -1
    }
}
