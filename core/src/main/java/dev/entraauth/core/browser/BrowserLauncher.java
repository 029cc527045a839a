package dev.entraauth.core.browser;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Opens a URL in the user's browser without {@code java.desktop}: the command in {@code BROWSER} when set, else
 * {@code xdg-open} (Linux and other Unix), {@code open} (macOS) or {@code rundll32 url.dll,FileProtocolHandler}
 * (Windows).
 *
 * <p>{@code BROWSER} is one command, split into words as a POSIX shell would for simple quoting ({@code '…'},
 * {@code "…"}, backslash; on Windows a backslash is an ordinary character); every {@code %s} in a word is replaced
 * by the URL, and without one the URL is appended as the last argument. The URL is always one argument of its own
 * and no shell ever sees it.
 *
 * <p>A launch fails when the command cannot be started or exits with a non-zero status within a short grace period;
 * a command still running after it (a browser started in the foreground) counts as opened. A failure is an
 * {@link AuthException} naming {@code --show-url} and {@code -f DeviceCode}: the launcher never falls back to
 * another flow by itself (SECURITY-CHECKLIST DF3).
 */
public final class BrowserLauncher {
    /** The environment variable naming the browser command. */
    public static final String BROWSER = "BROWSER";
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

    private final Map<String, String> environment;
    private final String osName;
    private final Duration grace;

    /**
     * @param environment the process environment (for {@code BROWSER})
     */
    public BrowserLauncher(Map<String, String> environment) {
        this(environment, System.getProperty("os.name", ""), DEFAULT_GRACE);
    }

    /**
     * @param environment the process environment
     * @param osName      the value of {@code os.name} to decide for
     * @param grace       how long a command may take to fail before it counts as opened
     */
    BrowserLauncher(Map<String, String> environment, String osName, Duration grace) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.osName = Objects.requireNonNull(osName, "osName");
        this.grace = Objects.requireNonNull(grace, "grace");
    }

    /**
     * The command that {@link #open} runs for a URL.
     *
     * @param url the URL to open
     * @return the argument vector; the URL is exactly one element
     * @throws AuthException when {@code BROWSER} cannot be split into words (an unterminated quote)
     */
    public List<String> command(URI url) throws AuthException {
        String target = url.toString();
        String browser = environment.get(BROWSER);
        if (browser != null && !browser.isBlank()) {
            List<String> words;
            try {
                words = CommandWords.split(browser, !isWindows(osName));
            } catch (IllegalArgumentException e) {
                throw new AuthException(ExitCode.USAGE, "the BROWSER variable cannot be read: " + e.getMessage()
                        + "; fix it, or use --show-url to open the sign-in URL yourself");
            }
            List<String> argv = new ArrayList<>(words.size() + 1);
            boolean placed = false;
            for (String word : words) {
                if (word.contains("%s")) {
                    argv.add(word.replace("%s", target));
                    placed = true;
                } else {
                    argv.add(word);
                }
            }
            if (!placed) {
                argv.add(target);
            }
            return List.copyOf(argv);
        }
        if (isMac(osName)) {
            return List.of("open", target);
        }
        if (isWindows(osName)) {
            return List.of("rundll32", "url.dll,FileProtocolHandler", target);
        }
        return List.of("xdg-open", target);
    }

    /**
     * Opens the URL in a browser.
     *
     * @param url the URL
     * @throws AuthException when the browser cannot be started; the message names {@code --show-url} and
     *                       {@code -f DeviceCode}
     */
    public void open(URI url) throws AuthException {
        List<String> argv = command(url);
        String program = argv.getFirst();
        String origin = environment.containsKey(BROWSER) && !environment.get(BROWSER).isBlank() ? " (from BROWSER)" : "";
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw failed("'" + program + "'" + origin + " could not be started (" + firstLine(e.getMessage()) + ")", e);
        }
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() != 0) {
                throw failed("'" + program + "'" + origin + " exited with status " + process.exitValue(), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthException(ExitCode.ERROR, "interrupted while opening the browser", e);
        }
    }

    private static AuthException failed(String why, Throwable cause) {
        String message = "Could not open a browser: " + why + "; open the sign-in URL yourself with --show-url, or sign in"
                + " from another device with -f DeviceCode";
        return cause == null ? new AuthException(ExitCode.ERROR, message) : new AuthException(ExitCode.ERROR, message, cause);
    }

    /**
     * Whether a graphical session is likely available, for the CLI's choice to fall back to device code: on Linux
     * and other Unix {@code DISPLAY} or {@code WAYLAND_DISPLAY} must be set (an SSH session without X forwarding has
     * neither); on macOS there is one unless the process runs in an SSH session ({@code SSH_CONNECTION} or
     * {@code SSH_TTY}), where {@code open} would show the browser on someone else's screen; Windows always has one.
     *
     * @param environment the process environment
     * @return whether a browser window can be shown to the user
     */
    public static boolean hasDisplay(Map<String, String> environment) {
        return hasDisplay(environment, System.getProperty("os.name", ""));
    }

    static boolean hasDisplay(Map<String, String> environment, String osName) {
        if (isWindows(osName)) {
            return true;
        }
        if (isMac(osName)) {
            return !set(environment, "SSH_CONNECTION") && !set(environment, "SSH_TTY");
        }
        return set(environment, "DISPLAY") || set(environment, "WAYLAND_DISPLAY");
    }

    private static boolean set(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }

    private static boolean isWindows(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static boolean isMac(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        return os.startsWith("mac") || os.startsWith("darwin");
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
