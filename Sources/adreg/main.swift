import AdregCLI
import Foundation

// A closed pipe is then a write error that adreg reports (exit 1), not a silent death by SIGPIPE.
signal(SIGPIPE, SIG_IGN)
let status = CLI.run(Array(CommandLine.arguments.dropFirst()), io: .standard)
exit(status)
