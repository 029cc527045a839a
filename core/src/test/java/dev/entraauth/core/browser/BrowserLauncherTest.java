package dev.entraauth.core.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The browser opener: the command it runs, how it fails (DF3: never by starting another flow), and the display check. */
class BrowserLauncherTest {
    /** Shell metacharacters a URL may carry ({@code & ; $ ( ) ' * !}); none may reach a shell. */
    static final URI URL = URI.create("https://login.example.com/t/oauth2/v2.0/authorize?client_id=a&state=x;y"
            + "&redirect_uri=http%3A%2F%2Flocalhost%3A5000&q=$(touch%20pwned)&s='q'&t=a*b!c");

    @TempDir
    Path dir;

    private static BrowserLauncher launcher(Map<String, String> environment, String os) {
        return new BrowserLauncher(environment, os, Duration.ofMillis(1500));
    }

    private Path script(String name, String body) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Linux | xdg-open",
            "FreeBSD | xdg-open",
            "Mac OS X | open",
            "Windows 11 | rundll32 url.dll,FileProtocolHandler"})
    void withoutBrowserTheOperatingSystemsOpenerGetsTheUrlAsItsLastArgument(String os, String opener) throws Exception {
        List<String> argv = launcher(Map.of(), os).command(URL);

        assertEquals(List.of(opener.split(" ")), argv.subList(0, argv.size() - 1));
        assertEquals(URL.toString(), argv.getLast());
    }

    @Test
    void percentSInBrowserIsReplacedByTheUrlInItsOwnWord() throws Exception {
        List<String> argv = launcher(Map.of("BROWSER", "firefox --new-window '%s' --private"), "Linux").command(URL);

        assertEquals(List.of("firefox", "--new-window", URL.toString(), "--private"), argv);
    }

    @Test
    void withoutPercentSTheUrlIsAppendedAndQuotedWordsStayWhole() throws Exception {
        List<String> argv = launcher(Map.of("BROWSER", "\"/opt/My Browser/bin/browser\" --profile=a\\ b 'x y'"), "Linux")
                .command(URL);

        assertEquals(List.of("/opt/My Browser/bin/browser", "--profile=a b", "x y", URL.toString()), argv);
    }

    @Test
    void onWindowsABackslashInBrowserIsAPathSeparator() throws Exception {
        List<String> argv = launcher(Map.of("BROWSER", "\"C:\\Program Files\\Firefox\\firefox.exe\" -url %s"), "Windows 10")
                .command(URL);

        assertEquals(List.of("C:\\Program Files\\Firefox\\firefox.exe", "-url", URL.toString()), argv);
    }

    @Test
    void anUnterminatedQuoteInBrowserIsAUsageError() {
        AuthException e = assertThrows(AuthException.class,
                () -> launcher(Map.of("BROWSER", "firefox 'oops"), "Linux").command(URL));

        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("BROWSER") && e.getMessage().contains("--show-url"), e.getMessage());
    }

    @Test
    void theBrowserCommandReceivesTheUrlAsOneArgumentAndNoShellInterpretsIt() throws Exception {
        Path args = dir.resolve("args.txt");
        Path browser = script("browser", "for a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + args + "'; done");

        launcher(Map.of("BROWSER", browser + " --flag %s"), "Linux").open(URL);

        // Through a shell, ';' would end the command there and '&' would put it in the background.
        assertEquals(List.of("--flag", URL.toString()), Files.readAllLines(args));
    }

    @Test
    void aBrowserThatCannotBeStartedIsAnErrorNamingShowUrlAndDeviceCode() {
        AuthException e = assertThrows(AuthException.class,
                () -> launcher(Map.of("BROWSER", dir.resolve("no-such-browser").toString()), "Linux").open(URL));

        assertEquals(ExitCode.ERROR, e.exitCode());
        assertTrue(e.getMessage().startsWith("Could not open a browser: '" + dir.resolve("no-such-browser") + "' (from BROWSER)"
                + " could not be started"), e.getMessage());
        assertTrue(e.getMessage().endsWith("open the sign-in URL yourself with --show-url, or sign in from another device with"
                + " -f DeviceCode"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aBrowserThatExitsWithAnErrorIsAnError() throws Exception {
        Path failing = script("failing", "exit 3");

        AuthException e = assertThrows(AuthException.class, () -> launcher(Map.of("BROWSER", failing.toString()), "Linux").open(URL));

        assertTrue(e.getMessage().contains("exited with status 3"), e.getMessage());
        assertTrue(e.getMessage().contains("--show-url") && e.getMessage().contains("-f DeviceCode"), e.getMessage());
    }

    @Test
    void aBrowserStillRunningAfterTheGracePeriodCountsAsOpenedAndOneThatExitsZeroToo() throws Exception {
        Path foreground = script("foreground", "sleep 30");
        Path background = script("background", "exit 0");
        long started = System.nanoTime();

        launcher(Map.of("BROWSER", foreground.toString()), "Linux").open(URL);
        long waited = (System.nanoTime() - started) / 1_000_000;
        launcher(Map.of("BROWSER", background.toString()), "Linux").open(URL);

        assertTrue(waited >= 1400 && waited < 5000, "waited " + waited + " ms for the foreground browser");
        ProcessHandle.current().children().filter(p -> p.info().commandLine().orElse("").contains(foreground.toString()))
                .forEach(ProcessHandle::destroy);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "Linux    | DISPLAY=:0                            | true",
            "Linux    | WAYLAND_DISPLAY=wayland-0             | true",
            "Linux    | SSH_CONNECTION=1.2.3.4 5 6.7.8.9 22     | false",
            "Linux    | SSH_TTY=/dev/pts/1                    | false",
            "Linux    | SSH_CONNECTION=1 2 3 4,DISPLAY=localhost:10.0 | true",
            "Linux    | (none)                                | false",
            "Linux    | DISPLAY=                              | false",
            "FreeBSD  | DISPLAY=:0                            | true",
            "Mac OS X | (none)                                | true",
            "Mac OS X | SSH_TTY=/dev/ttys001                  | false",
            "Windows 11 | (none)                              | true",
            "Windows 11 | SSH_CONNECTION=1 2 3 4              | true"})
    void aDisplayIsThereOnlyWhereABrowserWindowCanBeShown(String os, String variables, boolean expected) {
        Map<String, String> environment = new HashMap<>();
        if (!variables.equals("(none)")) {
            for (String pair : variables.split(",")) {
                int eq = pair.indexOf('=');
                environment.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }

        assertEquals(expected, BrowserLauncher.hasDisplay(environment, os));
    }
}
