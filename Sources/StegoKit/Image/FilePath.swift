/// Path pieces computed on the string itself (Foundation's NSString path methods crash on Linux
/// for one-character paths such as "a" or ".").
public enum FilePath {
    /// The folder part: "" for a bare name, "/" for a file at the root.
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component ("" when the path ends with "/").
    public static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The path without its name's extension ("a/photo.png" -> "a/photo"; ".hidden" stays).
    public static func deletingExtension(of path: String) -> String {
        let name = name(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return path }
        return String(path.dropLast(name.distance(from: dot, to: name.endIndex)))
    }
}
