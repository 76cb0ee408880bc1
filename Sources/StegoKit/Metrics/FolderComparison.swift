import Foundation

/// Comparison of two folders of PNGs paired by file name.
public struct FolderComparison: Sendable {
    public struct Pair: Sendable {
        public let name: String
        public let comparison: ImageComparison
    }

    public let pairs: [Pair]
    /// Names found in only one of the two folders (not compared).
    public let unmatched: [String]
    /// Pairs that could not be compared (unreadable file, different sizes), with the reason.
    public let failures: [(name: String, reason: String)]
    /// The mean over the compared pairs; nil when none could be compared.
    public var mean: ImageComparison? { pairs.isEmpty ? nil : ImageComparison.mean(pairs.map(\.comparison)) }

    /// With `showProgress`, a progress line on stderr (when it is a terminal).
    public init(folderA: String, folderB: String, showProgress: Bool = false) throws {
        let a = try Self.pngNames(in: folderA), b = try Self.pngNames(in: folderB)
        let common = a.intersection(b).sorted()
        guard !common.isEmpty else {
            throw StegoError.badInput("no PNG file names in common between \(folderA) and \(folderB)")
        }
        unmatched = a.symmetricDifference(b).sorted()
        let progress = showProgress ? Progress(label: "comparing", total: common.count) : nil
        var pairs: [Pair] = [], failures: [(name: String, reason: String)] = []
        for (i, name) in common.enumerated() {
            progress?.update(i, detail: name)
            do {
                let x = try ImageDecoder.read(path: folderA + "/" + name), y = try ImageDecoder.read(path: folderB + "/" + name)
                pairs.append(Pair(name: name, comparison: try ImageComparison(x, y)))
            } catch let error as StegoError {
                failures.append((name, error.description))
            }
        }
        progress?.finish()
        self.pairs = pairs
        self.failures = failures
    }

    static func pngNames(in folder: String) throws -> Set<String> {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw StegoError.badInput("\(folder): cannot list folder")
        }
        return Set(names.filter { $0.lowercased().hasSuffix(".png") && !$0.hasPrefix(".") })
    }
}
