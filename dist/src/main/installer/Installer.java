import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.spi.ToolProvider;

/**
 * Builds the native installer of this OS from the finished image, with jpackage: a .deb (or .rpm) on Linux, a .pkg on
 * macOS, an .msi on Windows (which needs the WiX Toolset on the PATH). Run by the opt-in profile {@code installers} of
 * dist/pom.xml, with the JDK's source launcher: {@code java Installer.java IMAGE OUT_DIR VERSION [TYPE]}.
 *
 * <p>The image goes in whole as jpackage's runtime ({@code --runtime-image}); jpackage adds its own native launcher,
 * which runs {@code dev.entraauth.cli} with the image's JVM options (embedded by jlink) and, on Linux, the image's
 * class-data archive. jpackage takes only a numeric version: VERSION without its qualifier ({@code 0.1.0-SNAPSHOT}
 * installs as {@code 0.1.0}).
 */
public final class Installer {
    public static void main(String[] args) {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: java Installer.java IMAGE OUT_DIR VERSION [deb|rpm|pkg|dmg|msi|exe]");
            System.exit(2);
        }
        Path image = Path.of(args[0]).toAbsolutePath();
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        boolean linux = os.startsWith("linux");
        boolean mac = os.startsWith("mac");
        String type = args.length == 4 && !args[3].isBlank() ? args[3] : linux ? "deb" : mac ? "pkg" : "msi";
        String version = args[2].replaceFirst("[-+].*$", "");

        List<String> jpackage = new ArrayList<>(List.of(
                "--type", type,
                "--name", "entra-auth-cli",
                "--app-version", version,
                "--description", "Gets OAuth2 access tokens from Microsoft Entra ID",
                "--vendor", "entra-auth-cli",
                "--runtime-image", image.toString(),
                "--module", "dev.entraauth.cli/dev.entraauth.cli.Main",
                "--dest", args[1]));
        if (Files.isRegularFile(image.resolve("lib/entra-auth-cli.jsa"))) {
            // The runtime is copied to APPDIR/../runtime on Linux (the only image with an archive so far).
            jpackage.addAll(List.of("--java-options", "-XX:SharedArchiveFile=$APPDIR/../runtime/lib/entra-auth-cli.jsa",
                    "--java-options", "-Xlog:aot*=off,cds*=off"));
        }
        if (linux) {
            jpackage.addAll(List.of("--linux-package-name", "entra-auth-cli", "--linux-app-category", "utils",
                    "--linux-deb-maintainer", "entra-auth-cli@users.noreply.github.com"));
        } else if (!mac) {
            jpackage.addAll(List.of("--win-console", "--win-dir-chooser", "--win-per-user-install"));
        }
        System.out.println("jpackage " + String.join(" ", jpackage));
        ToolProvider tool = ToolProvider.findFirst("jpackage")
                .orElseThrow(() -> new IllegalStateException("this JDK has no jpackage (module jdk.jpackage)"));
        int status = tool.run(System.out, System.err, jpackage.toArray(String[]::new));
        if (status == 0) {
            for (File made : new File(args[1]).listFiles()) {
                System.out.println("made " + made + " (" + made.length() / 1024 + " KB)");
            }
        }
        System.exit(status);
    }
}
