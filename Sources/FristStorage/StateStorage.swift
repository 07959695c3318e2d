/// The service's durable state, as the engine and the service need it: the port every storage
/// adapter implements (`SQLiteStorage` for one node, `MemoryStorage` for tests). The service and
/// the commands see only this; page sizes, checkpoints, pragmas and byte layouts stay inside the
/// adapter. A clustered adapter adds its leadership beside these logs.
public protocol StateStorage: EventLog, IntakeLog, CaseStateLog, AlertLog, DailyRunLog, AnyObject {
    /// A backlog of spool files begins: many commits follow one another. An adapter may defer
    /// housekeeping (SQLite's checkpoints) until `backlogEnded`. Never changes what is durable.
    func backlogBegan() throws

    /// The backlog is taken: deferred housekeeping runs now.
    func backlogEnded() throws

    /// Gives back memory the start's read used (caches, buffers) once it is done.
    func releaseMemory()

    /// A rebuild of the engine from this store begins. A store shared by several nodes notes the
    /// state it is about to read, so that a later write by another node is noticed
    /// (`stateChangedElsewhere`), and this node's own writes on a state it has not read are
    /// refused.
    func rebuildBegins() throws

    /// Whether another node changed what the engine folds (events, alerts, case states) since
    /// this node's engine read it or last wrote: if so, the engine is rebuilt before it is trusted.
    func stateChangedElsewhere() throws -> Bool
}

extension StateStorage {
    /// Nothing to defer.
    public func backlogBegan() throws {}
    /// Nothing deferred.
    public func backlogEnded() throws {}
    /// Nothing held beyond the state.
    public func releaseMemory() {}
    /// One node: nothing to note.
    public func rebuildBegins() throws {}
    /// One node: nobody else writes.
    public func stateChangedElsewhere() throws -> Bool { false }
}
