/// Filled by the engine issue.
public enum Placeholder2 {}
