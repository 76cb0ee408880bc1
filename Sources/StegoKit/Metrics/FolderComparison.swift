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
    public var mean: ImageComparison { ImageComparison.mean(pairs.map(\.comparison)) }

    /// With `showProgress`, a progress line on stderr (when it is a terminal).
    public init(folderA: String, folderB: String, showProgress: Bool = false) throws {
        let a = try Self.pngNames(in: folderA), b = try Self.pngNames(in: folderB)
        let common = a.intersection(b).sorted()
        guard !common.isEmpty else {
            throw StegoError.badInput("no PNG file names in common between \(folderA) and \(folderB)")
        }
        unmatched = a.symmetricDifference(b).sorted()
        let progress = showProgress ? Progress(label: "comparing", total: common.count) : nil
        var pairs: [Pair] = []
        for (i, name) in common.enumerated() {
            progress?.update(i, detail: name)
            let x = try PNGCodec.read(path: folderA + "/" + name)
            let y = try PNGCodec.read(path: folderB + "/" + name)
            do {
                pairs.append(Pair(name: name, comparison: try ImageComparison(x, y)))
            } catch let error as StegoError {
                throw StegoError.badInput("\(name): \(error)")
            }
        }
        progress?.finish()
        self.pairs = pairs
    }

    static func pngNames(in folder: String) throws -> Set<String> {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw StegoError.badInput("\(folder): cannot list folder")
        }
        return Set(names.filter { $0.lowercased().hasSuffix(".png") && !$0.hasPrefix(".") })
    }
}
