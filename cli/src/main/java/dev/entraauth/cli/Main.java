package dev.entraauth.cli;

import dev.entraauth.cli.command.CachedTokenPath;
import dev.entraauth.cli.command.CliContext;
import dev.entraauth.cli.command.CommandLineFactory;
import dev.entraauth.cli.terminal.ConsoleTerminal;
import dev.entraauth.core.io.Home;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.OptionalInt;

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
        CliContext context = new CliContext(new CliContext.Streams(out, err, in), ConsoleTerminal.system(), env,
                Home.resolve(env, System.getProperty("user.home")), Clock.systemUTC(),
                CliContext.Registries.of(ModuleLayer.boot()));
        return run(context, args);
    }

    /**
     * Runs the CLI with everything injected (tests, the tool provider). A cached token for a simple {@code get-token}
     * is answered before the command line is built ({@link CachedTokenPath}); everything else goes through picocli.
     *
     * @param context streams, terminal, environment, home, clock and registries
     * @param args    the command line
     * @return the exit code
     */
    public static int run(CliContext context, String... args) {
        try {
            OptionalInt cached = CachedTokenPath.answer(context, args);
            return cached.isPresent() ? cached.getAsInt() : CommandLineFactory.create(context, args).execute(args);
        } finally {
            context.out().flush();
            context.err().flush();
        }
    }
}
