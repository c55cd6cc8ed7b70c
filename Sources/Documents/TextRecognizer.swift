import Foundation

/// Character recognition through Tesseract with its simplified-Chinese model (Debian's
/// `tesseract-ocr` and `tesseract-ocr-chi-sim`), run as a program of its own so that a crash or a
/// hang in it is bounded by the document's deadline and never takes the importer with it.
public struct TextRecognizer: Sendable {
    public var executable: String
    public var language: String

    public init(executable: String, language: String = "chi_sim") {
        self.executable = executable
        self.language = language
    }

    /// Tesseract as installed on this machine, when it has the simplified-Chinese model; nil otherwise.
    public static let installed: TextRecognizer? = {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/tesseract" }
        guard let executable = path.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let recognizer = TextRecognizer(executable: executable)
        return recognizer.hasLanguage ? recognizer : nil
    }()

    /// Whether the program runs and lists the language's model.
    public var hasLanguage: Bool {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return false }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-ocr-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        guard FileManager.default.createFile(atPath: output.path, contents: nil), let handle = try? FileHandle(forWritingTo: output) else {
            return false
        }
        defer { try? handle.close() }
        guard run(["--list-langs"], output: handle, deadline: .now + .seconds(10)) else { return false }
        let listed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return listed.split(whereSeparator: \.isNewline).contains { $0.trimmingCharacters(in: .whitespaces) == language }
    }

    /// The text of the image at `image` (PNG or JPEG), or a refusal when recognition failed or ran
    /// past `deadline`.
    func recognize(_ image: URL, deadline: ContinuousClock.Instant) throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-ocr-\(UUID().uuidString)")
        let output = base.appendingPathExtension("txt")
        defer { try? FileManager.default.removeItem(at: output) }
        guard run([image.path, base.path, "-l", language], output: nil, deadline: deadline) else {
            throw DocumentRefusal("文字识别失败或超时")
        }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return Self.joiningCJK(text)
    }

    /// Runs the program; false when it could not start, failed, or ran past `deadline` (it is then killed).
    private func run(_ arguments: [String], output: FileHandle?, deadline: ContinuousClock.Instant) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // One thread: the importer and the audit have the machine's other cores.
        process.environment = ["OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"]
        do { try process.run() } catch { return false }
        while process.isRunning {
            if ContinuousClock.now > deadline {
                // SIGKILL: a program past its time gets no say in when it stops.
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return false
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return process.terminationStatus == 0
    }

    /// Tesseract's Chinese output puts a space between characters; spaces between two CJK
    /// characters or punctuation marks are not the document's.
    static func joiningCJK(_ text: String) -> String {
        var result = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character == " ", index > 0, index + 1 < characters.count, characters[index - 1].isWide, characters[index + 1].isWide { continue }
            result.append(character)
        }
        return result
    }
}

extension Character {
    /// A CJK character or full-width punctuation mark (U+2E80 and above, below the surrogates).
    var isWide: Bool {
        guard let scalar = unicodeScalars.first else { return false }
        return scalar.value >= 0x2E80 && scalar.value < 0xD800 || (0xFF00...0xFFEF).contains(scalar.value)
    }
}
