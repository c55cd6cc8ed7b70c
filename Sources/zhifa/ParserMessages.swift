import ArgumentParser
import CaseStore
import Foundation
import WorkCalendar

/// What the argument parser refused, as data: the case of its error and the names in it.
///
/// ArgumentParser keeps its error type (`ParserError`, inside a `CommandError`) to itself and
/// gives it to callers only as English text. Its case and values are read here through `Mirror`
/// instead of its wording: a sentence reworded upstream still translates, and a case renamed
/// upstream is caught by `CLITests.everyParserFailureIsRecognized`, never passed on silently.
enum ParserFailure: Equatable {
    case unknownOption(String)
    case missingValue(option: String)
    case missingArgument(String)
    case invalidValue(String, option: String)
    case extraArguments([String])
    case missingSubcommand

    /// The failure `error` reports, or nil for any other error (ours, a `ValidationError`, help).
    init?(_ error: Error) {
        guard String(describing: type(of: error)) == "CommandError",
            let parserError = Mirror(reflecting: error).children.first(where: { $0.label == "parserError" })?.value
        else { return nil }
        let mirror = Mirror(reflecting: parserError)
        guard let payload = mirror.children.first else {
            guard String(describing: parserError) == "missingSubcommand" else { return nil }
            self = .missingSubcommand
            return
        }
        let values = Mirror(reflecting: payload.value).children.map(\.value)
        switch payload.label {
        case "unknownOption":
            guard values.count == 2, let name = Self.option(values[1]) else { return nil }
            self = .unknownOption(name)
        case "missingValueForOption":
            guard values.count == 2, let name = Self.option(values[1]) else { return nil }
            self = .missingValue(option: name)
        case "noValue":
            // One labelled value: `(forKey: InputKey)`.
            let inputKey = Self.field(payload.value, "forKey") ?? payload.value
            guard let key = Self.field(inputKey, "name") as? String else { return nil }
            self = .missingArgument("<" + Self.kebab(key) + ">")
        case "unableToParseValue":
            guard values.count == 5, let value = values[2] as? String else { return nil }
            let option = Self.option(Self.unwrapped(values[1])) ?? (Self.field(values[3], "name") as? String).map { "<" + Self.kebab($0) + ">" }
            guard let option else { return nil }
            self = .invalidValue(value, option: option)
        case "unexpectedExtraValues":
            let extras = Mirror(reflecting: payload.value).children.compactMap { Mirror(reflecting: $0.value).children.dropFirst().first?.value as? String }
            guard !extras.isEmpty else { return nil }
            self = .extraArguments(extras)
        default:
            return nil
        }
    }

    /// The sentence a clerk reads.
    var chinese: String {
        switch self {
        case .unknownOption(let name): "错误：没有选项 \(name)"
        case .missingValue(let option): "错误：选项 \(option) 缺少取值"
        case .missingArgument(let name): "错误：缺少参数 \(name)"
        case .invalidValue(let value, let option): "错误：\(option) 不接受取值“\(value)”"
        case .extraArguments(let values): "错误：多余的参数 " + values.joined(separator: "、")
        case .missingSubcommand: "错误：缺少子命令"
        }
    }

    /// An option's name as typed: `--format`, `-f`.
    private static func option(_ name: Any) -> String? {
        guard let child = Mirror(reflecting: name).children.first, let label = child.label else { return nil }
        switch label {
        case "long": return (child.value as? String).map { "--" + $0 }
        case "longWithSingleDash": return (child.value as? String).map { "-" + $0 }
        case "short": return (Mirror(reflecting: child.value).children.first?.value as? Character).map { "-" + String($0) }
        default: return nil
        }
    }

    private static func field(_ value: Any, _ label: String) -> Any? {
        Mirror(reflecting: value).children.first { $0.label == label }?.value
    }

    private static func unwrapped(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value ?? value
    }

    /// `caseId` as the parser names arguments: `case-id`.
    private static func kebab(_ name: String) -> String {
        name.reduce(into: "") { text, character in
            if character.isUppercase {
                text += "-" + character.lowercased()
            } else {
                text.append(character)
            }
        }
    }
}

/// The lines of the parser's message around its error (the usage, where to read more) in Chinese;
/// an error line `ParserFailure` does not know keeps its English after “错误：”, never lost.
enum ParserMessages {
    /// The framing lines only: each error's own sentence comes from `ParserFailure`, so that a
    /// case it stops recognizing shows up as English in a test rather than translated by a guess.
    private static let sentences: [(pattern: String, template: String)] = [
        (#"^Error: "#, "错误："),
        (#"^Usage: "#, "用法："),
        (#"^\s*See '([^']+)' for more information\."#, "  详见 $1。"),
        (#"^Help:  "#, "说明：")
    ]

    /// The parser's message for `error` in Chinese: its first line from `failure` when known.
    static func chinese(_ message: String, failure: ParserFailure? = nil) -> String {
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let failure, let first = lines.first, first.hasPrefix("Error: ") {
            // The values a value may take are only in the text: "… Please provide one of 'table' and 'json'."
            var sentence = failure.chinese
            if let choices = first.range(of: ". Please provide one of ") {
                sentence += "；可选：" + Self.choices(first[choices.upperBound...])
            }
            lines[0] = sentence
        }
        return lines.enumerated().map { index, line in
            guard !(index == 0 && failure != nil) else { return line }
            var text = line
            if let choices = text.range(of: ". Please provide one of ") {
                text = String(text[..<choices.lowerBound]) + "；可选：" + Self.choices(text[choices.upperBound...])
            }
            for (pattern, template) in sentences {
                guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
                let range = NSRange(text.startIndex..., in: text)
                if regex.firstMatch(in: text, range: range) != nil {
                    text = regex.stringByReplacingMatches(in: text, range: range, withTemplate: template)
                }
            }
            return text
        }.joined(separator: "\n")
    }

    private static func choices(_ text: Substring) -> String {
        text.replacingOccurrences(of: "'", with: "").replacingOccurrences(of: " and ", with: "、")
            .replacingOccurrences(of: ", ", with: "、").trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}

extension Zhifa {
    /// Foundation's and libraries' own errors (`NSCocoaErrorDomain Code=512`, ZIPFoundation's
    /// `unwritableFile`) become a Chinese sentence; the parser's errors and Zhifa's own pass as they are.
    static func readable(_ error: Error) -> Error {
        let name = String(reflecting: type(of: error))
        let foreign = error is CocoaError || error is POSIXError || type(of: error) is NSError.Type || name.hasPrefix("ZIPFoundation.")
        return foreign ? CommandFailure(SystemErrorText.describe(error)) : error
    }

    /// Runs the chosen subcommand as `AsyncParsableCommand.main` does, but prints failures through
    /// `ParserMessages` so that a clerk reads every error in Chinese. Help and `--version` are not
    /// errors and print unchanged.
    static func main() async {
        if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
            print(versionLine)
            Foundation.exit(0)
        }
        do {
            if let day = ProcessInfo.processInfo.environment["ZHIFA_TODAY"], CalendarDate(day) == nil {
                throw CommandFailure("环境变量 ZHIFA_TODAY“\(day)”不是 YYYY-MM-DD 形式的日期（它设定本程序所认为的今天）。")
            }
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let error = readable(error)
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
            } else if !message.isEmpty {
                printError(ParserMessages.chinese(message, failure: ParserFailure(error)))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
