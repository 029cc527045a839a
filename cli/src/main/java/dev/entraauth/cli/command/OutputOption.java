package dev.entraauth.cli.command;

import picocli.CommandLine.Option;

/** {@code --output text|json}, shared by the commands that print a result. */
final class OutputOption {
    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;

    boolean json() {
        return format == OutputFormat.json;
    }
}
