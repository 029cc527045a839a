package dev.entraauth.cli.command;

/** How a command prints its result on standard output. */
enum OutputFormat {
    /** For people. */
    text,
    /** For scripts: one JSON document. */
    json
}
