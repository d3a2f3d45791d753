import Foundation
import Glibc

/// `kyodo create-user --email E --name N --role admin[,staff…]`: the first account, from the shell.
/// The password is asked for without echo on a terminal, or read as one line from stdin.
enum CreateUserCommand {
    static func run(_ args: Arguments, _ config: AppConfig) throws -> Int32 {
        guard let email = args["email"], let name = args["name"], let roleList = args["role"] else {
            throw CLIError("create-user needs --email, --name and --role (admin, staff, department, council)")
        }
        var roles = Set<Role>()
        for raw in roleList.split(separator: ",") {
            guard let role = Role(rawValue: String(raw).trimmingCharacters(in: .whitespaces)) else {
                throw CLIError("unknown role \(raw); use admin, staff, department or council")
            }
            roles.insert(role)
        }
        let services = try AppServices(config: config)
        let password = try readPassword()
        if let problem = services.passwords.problem(with: password) {
            throw CLIError(problem == "password.tooShort" ? "the password must be at least \(PasswordService.minimumLength) characters"
                                                          : "that password is too common; choose another")
        }
        let hash = services.passwords.hash(password)
        let now = services.now()
        let id = try services.database.write { db -> Int64 in
            guard try UserStore.find(db, email: email) == nil else { throw CLIError("\(email) is already registered") }
            let id = try UserStore.create(db, email: email, displayName: name, roles: roles, department: args["department"],
                                          passwordHash: hash, now: now)
            try Audit.record(db, .system("kyodo create-user"), action: "user.create", recordType: "user", recordID: id,
                             after: ["email": .string(UserStore.normalize(email)), "display_name": .string(name),
                                     "roles": .string(roles.sorted().map(\.rawValue).joined(separator: ","))], now: now)
            return id
        }
        print("created user \(id) <\(UserStore.normalize(email))> with roles \(roles.sorted().map(\.rawValue).joined(separator: ", "))")
        return 0
    }

    static func readPassword() throws -> String {
        if isatty(0) == 1 {
            FileHandle.standardError.write(Data("Password (at least \(PasswordService.minimumLength) characters): ".utf8))
            var saved = termios()
            tcgetattr(0, &saved)
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(0, TCSANOW, &silent)
            defer {
                tcsetattr(0, TCSANOW, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
            return readLine(strippingNewline: true) ?? ""
        }
        guard let line = readLine(strippingNewline: true) else { throw CLIError("no password on standard input") }
        return line
    }
}
