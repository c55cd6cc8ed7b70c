import ArgumentParser
import CaseStore
import Foundation
import WorkCalendar

/// The command line answers in Chinese. Our own errors are written in Chinese; the argument
/// parser's own (a missing argument, an unknown option, a value outside a list) are English
/// sentences of a handful of fixed shapes, which this table renders in Chinese. A shape it does
/// not know passes through unchanged rather than being lost.
enum ParserMessages {
    /// English phrase → Chinese, applied in order; each pattern captures the quoted names.
    private static let sentences: [(pattern: String, template: String)] = [
        (#"^Error: Missing expected argument '([^']+)'"#, "错误：缺少参数 $1"),
        (#"^Error: Missing value for '([^']+)'"#, "错误：选项 $1 缺少取值"),
        (#"^Error: Unknown options? '([^']+)'"#, "错误：没有选项 $1"),
        (#"^Error: Unexpected arguments? '([^']+)'"#, "错误：多余的参数 $1"),
        (#"^Error: The value '([^']*)' is invalid for '([^']+)'"#, "错误：$2 不接受取值“$1”"),
        (#"^Error: Invalid value '([^']*)' for '([^']+)'"#, "错误：$2 不接受取值“$1”"),
        (#"^Error: "#, "错误："),
        (#"^Usage: "#, "用法："),
        (#"^\s*See '([^']+)' for more information\."#, "  详见 $1。"),
        (#"^Help:  "#, "说明：")
    ]

    /// The parser's message for `error`, line by line in Chinese where the shape is known.
    static func chinese(_ message: String) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var text = String(line)
            // "… is invalid for '--format <format>'. Please provide one of 'table' and 'json'."
            if let choices = text.range(of: ". Please provide one of ") {
                let names = text[choices.upperBound...].replacingOccurrences(of: "'", with: "")
                    .replacingOccurrences(of: " and ", with: "、").replacingOccurrences(of: ", ", with: "、")
                text = String(text[..<choices.lowerBound]) + "；可选：" + names.trimmingCharacters(in: CharacterSet(charactersIn: "."))
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
                printError(ParserMessages.chinese(message))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
