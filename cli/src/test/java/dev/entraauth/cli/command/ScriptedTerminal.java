package dev.entraauth.cli.command;

import dev.entraauth.cli.terminal.Terminal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A terminal whose answers are given in advance; it records every prompt it was asked. */
final class ScriptedTerminal implements Terminal {
    private final Deque<String> answers;
    final List<String> prompts = new ArrayList<>();

    ScriptedTerminal(String... answers) {
        this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public boolean isInteractive() {
        return true;
    }

    @Override
    public Optional<String> readLine(String prompt) {
        prompts.add(prompt);
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<char[]> readSecret(String prompt) {
        prompts.add("(secret) " + prompt);
        return Optional.ofNullable(answers.poll()).map(String::toCharArray);
    }

    int remaining() {
        return answers.size();
    }
}
