import AdregCLI
import Foundation

let status = CLI.run(Array(CommandLine.arguments.dropFirst()), io: .standard)
exit(status)
