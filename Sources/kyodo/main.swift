import Foundation
import Kyodo

exit(CommandLineInterface.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
