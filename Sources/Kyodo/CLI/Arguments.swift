/// Flags after a subcommand: `--name value` options and bare `--switch`es, plus positionals.
struct Arguments {
    private(set) var options: [String: String] = [:]
    private(set) var switches: Set<String> = []
    private(set) var positionals: [String] = []

    /// `valued` lists the options that take a value; anything else starting with `--` is a switch.
    init(_ arguments: [String], valued: Set<String>, switches allowed: Set<String>) throws {
        var i = 0
        while i < arguments.count {
            let arg = arguments[i]
            if arg.hasPrefix("--") {
                var name = String(arg.dropFirst(2))
                var value: String?
                if let eq = name.firstIndex(of: "=") {
                    value = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                if valued.contains(name) {
                    if value == nil {
                        guard i + 1 < arguments.count else { throw CLIError("--\(name) needs a value") }
                        i += 1
                        value = arguments[i]
                    }
                    options[name] = value
                } else if allowed.contains(name) || name == "help" {
                    switches.insert(name)
                } else {
                    throw CLIError("unknown option --\(name)")
                }
            } else if arg == "-h" {
                switches.insert("help")
            } else {
                positionals.append(arg)
            }
            i += 1
        }
    }

    subscript(option: String) -> String? { options[option] }
    func has(_ name: String) -> Bool { switches.contains(name) }
}
