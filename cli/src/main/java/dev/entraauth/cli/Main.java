package dev.entraauth.cli;

import dev.entraauth.cli.command.CliContext;
import dev.entraauth.cli.command.CommandLineFactory;
import dev.entraauth.cli.terminal.ConsoleTerminal;
import dev.entraauth.core.io.Home;
import dev.entraauth.core.plugin.PluginLayer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;

/** The launcher's entry point: runs one command and exits with its documented exit code. */
public final class Main {
    private Main() {
    }

    /**
     * Runs the CLI and exits the JVM with the command's exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, System.out.charset());
        PrintWriter err = new PrintWriter(System.err, false, System.err.charset());
        int code = run(out, err, System.in, args);
        System.exit(code);
    }

    /**
     * Runs the CLI with the system's terminal, environment and home directory.
     *
     * @param out  standard output
     * @param err  standard error
     * @param args the command line
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, InputStream.nullInputStream(), args);
    }

    private static int run(PrintWriter out, PrintWriter err, InputStream in, String... args) {
        var env = System.getenv();
        PluginLayer plugins = PluginLayer.load(pluginDirectory(env), ModuleLayer.boot());
        // A refused plugin is said on every run (it is an installation to fix), and the CLI goes on without it.
        plugins.problems().forEach(problem -> err.println("Warning: " + problem));
        CliContext context = new CliContext(new CliContext.Streams(out, err, in), ConsoleTerminal.system(), env,
                Home.resolve(env, System.getProperty("user.home")), Clock.systemUTC(),
                CliContext.Registries.of(plugins));
        return run(context, args);
    }

    /** {@code $ENTRA_AUTH_CLI_PLUGINS}, else the image's {@code plugins/} directory (beside {@code bin/} and {@code lib/}). */
    private static Path pluginDirectory(java.util.Map<String, String> env) {
        String configured = env.getOrDefault(PluginLayer.PLUGINS_VARIABLE, "");
        return configured.isBlank() ? Path.of(System.getProperty("java.home"), "plugins") : Path.of(configured);
    }

    /**
     * Runs the CLI with everything injected (tests, the tool provider).
     *
     * @param context streams, terminal, environment, home, clock and registries
     * @param args    the command line
     * @return the exit code
     */
    public static int run(CliContext context, String... args) {
        try {
            return CommandLineFactory.create(context).execute(args);
        } finally {
            context.out().flush();
            context.err().flush();
        }
    }
}
