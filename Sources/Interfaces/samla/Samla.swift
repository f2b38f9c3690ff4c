import Foundation
import SamlaCommands

@main
enum Samla {
    static func main() async {
        exit(await SamlaCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
    }
}
