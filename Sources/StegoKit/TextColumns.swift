extension String {
    /// The string right-aligned in a column of `width` characters (never cut), for the tables of
    /// compare, eval, analyze and capacity.
    public func rightAligned(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
