import FristCommands

#if canImport(Glibc)
    import Glibc
#endif

// Before any other work: a SIGHUP (reload) that arrives while the service starts must not end it.
// `run` handles SIGHUP once its handler is installed; until then the signal is ignored (the
// configuration it would reload is read during the start anyway).
if CommandLine.arguments.dropFirst().first == "run" {
    signal(SIGHUP, SIG_IGN)
}

exit(await CommandLineEntry.run(Array(CommandLine.arguments.dropFirst())))
