import Foundation

/// Writes a set of files as one directory that appears whole or not at all: the files go to
/// a hidden temporary directory beside the destination, which is then renamed into place. A
/// run that is interrupted leaves the previous report (or nothing), never half of one.
public enum RunDirectory {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ files: [(name: String, contents: String)], to destination: URL) throws {
        let manager = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let stamp = "\(ProcessInfo.processInfo.processIdentifier)"
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).tmp-\(stamp)")
        let retired = parent.appendingPathComponent(".\(destination.lastPathComponent).old-\(stamp)")
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files {
                // A name may hold a subdirectory (`a/summary.csv`).
                let url = staging.appendingPathComponent(file.name)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
            var isDirectory: ObjCBool = false
            let existed = manager.fileExists(atPath: destination.path, isDirectory: &isDirectory)
            if existed {
                guard isDirectory.boolValue else {
                    throw WriteError(description: "\(destination.path) exists and is not a directory")
                }
                try manager.moveItem(at: destination, to: retired)
            }
            do {
                try manager.moveItem(at: staging, to: destination)
            } catch {
                if existed { try? manager.moveItem(at: retired, to: destination) }
                throw error
            }
            if existed { try? manager.removeItem(at: retired) }
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }
}
