package dev.entraauth.cli.command;

import picocli.CommandLine.Option;

/** {@code -p/--profile NAME} for commands that act on one existing profile ({@code --name} too, as the seeds write it). */
final class ProfileOption {
    @Option(names = {"-p", "--profile", "--name"}, paramLabel = "NAME", required = true, description = "The profile.")
    String name;
}
