package dev.entraauth.cli.command;

import static dev.entraauth.cli.command.ConfigCreateCommandTest.CANARY;
import static dev.entraauth.cli.command.ConfigCreateCommandTest.CLIENT;
import static dev.entraauth.cli.command.ConfigCreateCommandTest.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.cli.Main;
import dev.entraauth.cli.command.GetTokenCommandTest.RecordingFlow;
import dev.entraauth.cli.terminal.Terminal;
import dev.entraauth.core.registry.CommandRegistry;
import dev.entraauth.core.registry.FlowRegistry;
import dev.entraauth.core.registry.SecretStoreRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lean path of a cached token against the full command line: for every cache state and argument shape, the
 * CLI's entry point ({@link Main#run(CliContext, String...)}, which tries {@link CachedTokenPath} first) and the
 * picocli command line alone print the same bytes on standard output and error, return the same exit code, and
 * leave the same secret store behind. The lean path answers every hit itself and prints nothing when it leaves a
 * case to the full path.
 */
class CachedTokenPathTest {
    private static final List<List<String>> SHAPES = List.of(
            List.of("get-token"),
            List.of("get-token", "--silent"),
            List.of("get-token", "-p", "default", "--output", "json"),
            List.of("get-token", "--profile=default", "--output=text", "--silent"),
            List.of("get-token", "--output", "json", "--silent", "--scope", "https://graph.microsoft.com/.default"),
            List.of("get-token", "--scope", "api://other/.default"),
            List.of("get-token", "-p", "second", "--silent"),
            List.of("get-token", "-p", "nobody"),
            List.of("get-token", "-f", "client-credentials", "--silent"),
            List.of("get-token", "-f", "magic"),
            List.of("get-token", "-f", "DeviceCode"),
            List.of("--store", "memory", "get-token", "--silent"),
            List.of("get-token", "--store", "nope"),
            List.of("get-token", "--output", "JSON"),
            List.of("get-token", "--output", "yaml"),
            List.of("get-token", "-p"),
            List.of("get-token", "-p", "--silent"),
            List.of("get-token", "--silent", "--silent"),
            List.of("get-token", "--force", "--silent"),
            List.of("get-token", "--debug"),
            List.of("refresh", "-p", "default"));

    @TempDir
    Path home;

    MemorySecretStore store = new MemorySecretStore();
    RecordingFlow flow = new RecordingFlow();
    Clock clock = Clock.fixed(CliRun.NOW, ZoneOffset.UTC);
    Map<String, String> environment = new TreeMap<>();

    @BeforeEach
    void twoProfilesWithACachedToken() {
        assertEquals(0, full(stdin(CANARY), "config", "create", "--no-prompt", "--name", "default", "--tenant-id", TENANT,
                "--client-id", CLIENT, "--secret-stdin", "--scope", "https://graph.microsoft.com/.default").exitCode);
        assertEquals(0, full(stdin(CANARY), "config", "create", "--no-prompt", "--name", "second", "--tenant-id", TENANT,
                "--client-id", CLIENT, "--secret-stdin", "--scope", "api://second/.default").exitCode);
        assertEquals(0, full(stdin(""), "get-token", "--silent").exitCode);
        assertEquals(1, flow.requests.size());
        assertTrue(store.entries.containsKey("default/token-cache-lean"));
    }

    @Test
    void aValidCachedTokenIsAnsweredByTheLeanPathExactlyAsByTheFullPath() throws IOException {
        everyShapeBehavesTheSame("hit");

        Run lean = lean("get-token", "--silent");
        assertEquals(OptionalInt.of(0), lean.answered);
        assertEquals(GetTokenCommandTest.TOKEN + "\n", lean.out);
        assertEquals("", lean.err);
        Run json = lean("get-token", "--output", "json");
        assertEquals(OptionalInt.of(0), json.answered);
        assertTrue(json.err.contains("Using cached token") && json.err.contains("Token expires: "), json.err);
    }

    @Test
    void aTokenWithFiveMinutesLeftIsLeftToTheFullPath() throws IOException {
        clock = Clock.offset(clock, Duration.ofSeconds(3599).minusMinutes(5));

        everyShapeBehavesTheSame("expired");
        assertEquals(OptionalInt.empty(), lean("get-token").answered);
    }

    @Test
    void aMissingCacheEntryIsLeftToTheFullPath() throws IOException {
        store.entries.remove("default/token-cache-lean");

        everyShapeBehavesTheSame("missing");
    }

    @Test
    void aCorruptCacheEntryIsLeftToTheFullPath() throws IOException {
        store.entries.put("default/token-cache-lean", "not\ta cache\n\u0000\u0001garbage".getBytes(StandardCharsets.UTF_8));

        everyShapeBehavesTheSame("corrupt");
    }

    @Test
    void aStoreThatCannotBeReadIsLeftToTheFullPath() throws IOException {
        store.failReads = true;

        everyShapeBehavesTheSame("unreadable store");
    }

    @Test
    void aStoreThatCannotBeOpenedIsLeftToTheFullPath() throws IOException {
        store.failOpen = true;

        everyShapeBehavesTheSame("store not opened");
    }

    @Test
    void aProfileTheFlowCannotServeIsLeftToTheFullPath() throws IOException {
        flow.serves = false;

        everyShapeBehavesTheSame("flow cannot serve");
    }

    @Test
    void aProfileFileItCannotReadWithCertaintyIsLeftToTheFullPath() throws IOException {
        Path file = home.resolve("profiles.json");
        String text = Files.readString(file);
        for (String changed : List.of(text.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"),
                text.replace("\"name\" : \"second\"", "\"name\" : \"default\""),
                text.replace("\"name\" : \"second\"", "\"name\" : \"second\", \"colour\" : \"blue\""),
                text.replace("\"name\" : \"second\"", "\"name\" : \"second\", \"environment\" : null"),
                text.replace("\"name\" : \"second\"", "\"name\" : \"second\", \"defaultFlow\" : \"magic\""),
                text.replace("\"name\" : \"second\"", "\"name\" : \"second\", \"defaultFlow\" : \"client-credentials\""),
                text.replace("\"name\" : \"second\"", "\"name\" : \"second\", \"cloud\" : \"Mars\""),
                text.replace("\"name\" : \"default\"", "\"name\" : \"default\", \"credentialExpiry\" : \"2026-11-30T00:00:00Z\""),
                text + "{}", text.substring(0, text.length() / 2), "")) {
            Files.writeString(file, changed);
            everyShapeBehavesTheSame("profiles.json: " + changed);
        }
        Files.delete(file);
        everyShapeBehavesTheSame("no profiles.json");
    }

    @Test
    void theProfileFromTheEnvironmentIsUsedByBoth() throws IOException {
        environment.put(GetTokenCommand.PROFILE_VARIABLE, "second");
        assertEquals(0, full(stdin(""), "get-token", "--silent").exitCode);

        everyShapeBehavesTheSame("ENTRA_AUTH_CLI_PROFILE=second");
        assertEquals(OptionalInt.of(0), lean("get-token").answered);
    }

    @Test
    void versionAloneIsAnsweredWithoutTheCommandLineAsPicocliAnswersIt() {
        for (String option : List.of("--version", "-V")) {
            Run full = full(stdin(""), option);
            Run main = main(option);

            assertEquals(full, main);
            assertTrue(main.out.startsWith("entra-auth-cli "), main.out);
            assertEquals(OptionalInt.of(0), CommandLineFactory.version(context(new StringWriter(), new StringWriter()), option));
        }
    }

    @Test
    void theCommandTreeBuiltForOneCommandAnswersAsTheWholeTree() {
        for (List<String> shape : List.<List<String>>of(List.of("config", "list"), List.of("confg", "list"), List.of("config", "lst"),
                List.of("--debug", "config", "list", "--output", "json"), List.of("--store", "memory", "plugins"),
                List.of("inspect"), List.of("get-token", "--help"), List.of("--help"), List.<String>of(), List.of("--version", "config"),
                List.of("refresh", "--force"), List.of("create-profile", "--help"), List.of("clear-cache"))) {
            String[] args = shape.toArray(String[]::new);
            Run whole = run("", context -> OptionalInt.of(CommandLineFactory.create(context).execute(args)), args);
            Run one = run("", context -> OptionalInt.of(CommandLineFactory.create(context, args).execute(args)), args);

            assertEquals(whole, one, shape.toString());
        }
        assertEquals(java.util.Optional.of("config"), CommandLineFactory.invokedBuiltIn("--store", "x", "--debug", "config", "list"));
        assertEquals(java.util.Optional.empty(), CommandLineFactory.invokedBuiltIn("completion", "bash"));
        assertEquals(java.util.Optional.empty(), CommandLineFactory.invokedBuiltIn("--help"));
    }

    private void everyShapeBehavesTheSame(String state) throws IOException {
        for (List<String> shape : SHAPES) {
            String[] args = shape.toArray(String[]::new);
            Map<String, byte[]> before = copy(store.entries);
            int requests = flow.requests.size();

            Run full = full(stdin(""), args);
            Map<String, byte[]> afterFull = copy(store.entries);
            int fullRequests = flow.requests.size() - requests;
            restore(before);

            Run lean = lean(args);
            if (lean.answered.isEmpty()) {
                assertEquals("", lean.out + lean.err, state + " " + shape + ": the lean path printed before leaving the case");
            }
            Run main = main(args);
            String what = state + " " + shape;
            assertEquals(full.out, main.out, what + ": stdout");
            assertEquals(withoutFrames(full.err), withoutFrames(main.err), what + ": stderr");
            assertEquals(full.exitCode, main.exitCode, what + ": exit code");
            assertEquals(fullRequests, flow.requests.size() - requests - fullRequests, what + ": requests to the flow");
            assertEquals(text(afterFull), text(store.entries), what + ": the secret store afterwards");
            restore(before);
        }
    }

    /** With --debug the stack trace's frames differ below the entry point this test calls; the rest must not. */
    private static String withoutFrames(String err) {
        return err.replaceAll("(?m)^\\s+(at |\\.\\.\\. \\d+ more).*\\R", "");
    }

    private record Run(String out, String err, int exitCode, OptionalInt answered) {
    }

    private Run full(String stdin, String... args) {
        return run(stdin, context -> OptionalInt.of(CommandLineFactory.create(context).execute(args)), args);
    }

    private Run main(String... args) {
        return run("", context -> OptionalInt.of(Main.run(context, args)), args);
    }

    private Run lean(String... args) {
        return run("", context -> CachedTokenPath.answer(context, args), args);
    }

    private CliContext context(StringWriter out, StringWriter err) {
        return context(out, err, "");
    }

    private CliContext context(StringWriter out, StringWriter err, String stdin) {
        List<Flow> flows = List.of(flow, new RecordingFlow("DeviceCode"));
        List<SecretStore> stores = List.of(store);
        return new CliContext(new CliContext.Streams(new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))), Terminal.NONE, environment, home, clock,
                new CliContext.Registries(() -> FlowRegistry.of(flows), () -> SecretStoreRegistry.of(stores),
                        () -> CommandRegistry.of(List.of())));
    }

    private Run run(String stdin, Function<CliContext, OptionalInt> how, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = context(out, err, stdin);
        OptionalInt result = how.apply(context);
        context.out().flush();
        context.err().flush();
        return new Run(out.toString(), err.toString(), result.orElse(-1), result);
    }

    private static String stdin(String text) {
        return text;
    }

    private static Map<String, byte[]> copy(Map<String, byte[]> entries) {
        Map<String, byte[]> copy = new TreeMap<>();
        entries.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    private void restore(Map<String, byte[]> entries) {
        store.entries.clear();
        store.entries.putAll(copy(entries));
    }

    private static List<String> text(Map<String, byte[]> entries) {
        List<String> text = new ArrayList<>();
        entries.forEach((k, v) -> text.add(k + "=" + new String(v, StandardCharsets.UTF_8)));
        return text;
    }
}
