import ArgumentParser
import CaseStore
import Foundation
import WebService

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Accounts of the web service.", subcommands: [Add.self, Remove.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; the password is read from standard input and stored as a bcrypt hash.",
            discussion: "Example: echo \"$PASSWORD\" | zhifa user add 王某 --role clerk --agency WH-SJJ --password-stdin")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The name to sign in with.")
        var name: String

        @Option(help: "clerk (办案人员), reviewer (评查人员), supervisor (监督人员) or admin (系统管理员).")
        var role: Role

        @Option(help: ArgumentHelp("A clerk's agency code.", valueName: "code"))
        var agency: String?

        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (its first line).")
        var passwordFromStandardInput = false

        /// The roles as the command line spells them, mapped to the stored role without a fallback.
        enum Role: String, ExpressibleByArgument, CaseIterable {
            case clerk, reviewer, supervisor, admin

            var accountRole: AccountRole {
                switch self {
                case .clerk: .clerk
                case .reviewer: .reviewer
                case .supervisor: .supervisor
                case .admin: .admin
                }
            }
        }

        func validate() throws {
            guard passwordFromStandardInput else {
                throw ValidationError("请用 --password-stdin 从标准输入给出密码；写在参数里会出现在进程列表和命令历史中。")
            }
            if role == .clerk, agency == nil { throw ValidationError("办案人员属于一个执法主体：请加 --agency 主体代码。") }
            if role != .clerk, agency != nil { throw ValidationError("只有办案人员属于某个执法主体；\(role.accountRole.chineseName)可查看所有执法主体，不加 --agency。") }
        }

        func run() throws {
            guard let line = readLine(strippingNewline: true), line.count >= 10 else {
                throw ValidationError("标准输入第一行的密码至少 10 个字符。")
            }
            let caseStore = try store.open()
            do {
                try caseStore.addAccount(
                    name: name, role: role.accountRole, agency: agency,
                    passwordHash: Passwords.hash(line), actor: store.actorName)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
            print("已添加用户 \(name)（\(role.accountRole.chineseName)\(agency.map { "，\($0)" } ?? "")）")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove an account; its sessions end on every server of the store at once.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The account's name.")
        var name: String

        func run() throws {
            do {
                try store.open().removeAccount(name: name, actor: store.actorName)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
            print("已删除用户 \(name)，其登录已全部失效")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            for account in try store.open().accounts() {
                print([account.name, account.role.rawValue, account.agency ?? "-", account.createdAt].joined(separator: "\t"))
            }
        }
    }
}
