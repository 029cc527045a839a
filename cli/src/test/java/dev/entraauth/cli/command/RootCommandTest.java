package dev.entraauth.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class RootCommandTest {
    @TempDir
    Path home;

    @Test
    void versionComesFromTheModuleDescriptor() {
        CliRun cli = new CliRun(home);

        assertEquals(0, cli.run("--version"));

        String expected = RootCommand.class.getModule().getDescriptor().rawVersion().orElseThrow();
        assertTrue(cli.out.startsWith("entra-auth-cli " + expected + "\n"), cli.out);
    }

    @Test
    void noCommandIsAUsageErrorPointingToHelp() {
        CliRun cli = new CliRun(home);

        assertEquals(2, cli.run());
        assertTrue(cli.err.contains("Try 'entra-auth-cli --help'"), cli.err);
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithASuggestion() {
        CliRun cli = new CliRun(home);

        assertEquals(2, cli.run("config", "list", "--outptu", "json"));
        assertTrue(cli.err.contains("Try 'entra-auth-cli config list --help'"), cli.err);
    }

    static Stream<String> everyCommand() {
        List<String> names = new ArrayList<>();
        collect(CommandLineFactory.create(new CliRun(Path.of("unused")).contextForListing()), "", names);
        return names.stream();
    }

    private static void collect(CommandLine line, String prefix, List<String> names) {
        for (var entry : line.getSubcommands().entrySet()) {
            String name = (prefix + " " + entry.getKey()).strip();
            boolean alias = !entry.getKey().equals(entry.getValue().getCommandName());
            if (!alias && !names.contains(name)) {
                names.add(name);
                collect(entry.getValue(), name, names);
            }
        }
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("everyCommand")
    void everyCommandHasHelp(String command) {
        CliRun cli = new CliRun(home);
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");

        assertEquals(0, cli.run(args.toArray(String[]::new)), cli.err);
        assertTrue(cli.out.startsWith("Usage: entra-auth-cli " + command), cli.out);
    }

    @Test
    void bashAndZshCompletionScriptsAreGenerated() {
        CliRun cli = new CliRun(home);

        assertEquals(0, cli.run("completion", "bash"));
        assertTrue(cli.out.contains("complete -F") && cli.out.contains("get-token"), cli.out.substring(0, 200));
        assertEquals(0, cli.run("completion", "zsh"));
        assertTrue(cli.out.contains("bashcompinit"), cli.out.substring(0, 400));
        assertEquals(2, cli.run("completion", "fish"));
    }

    @Test
    void pluginsListsTheStoreWithItsModuleAndAvailability() throws Exception {
        CliRun cli = new CliRun(home);

        assertEquals(0, cli.run("plugins"));
        assertTrue(cli.out.contains("Flows (0):") && cli.out.contains("none installed"), cli.out);
        assertTrue(cli.out.contains("* memory  available  dev.entraauth.cli"), cli.out);

        assertEquals(0, cli.run("plugins", "--output", "json"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli.out);
        assertEquals("memory", json.get("stores").get(0).get("id").asText());
        assertTrue(json.get("stores").get(0).get("selected").asBoolean());
        assertEquals("dev.entraauth.cli", json.get("stores").get(0).get("module").asText());
    }
}
