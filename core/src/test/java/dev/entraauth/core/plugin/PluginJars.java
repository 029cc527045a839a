package dev.entraauth.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;

/** Builds small module jars for plugin tests with the JDK's own javac and jar tools. */
final class PluginJars {
    private final Path work;

    PluginJars(Path work) {
        this.work = work;
    }

    /** {@return where the api module this test runs with lives (a directory or a jar)} */
    static Path api() {
        return Path.of(ModuleLayer.boot().configuration().findModule(PluginLayer.API_MODULE).orElseThrow()
                .reference().location().orElseThrow());
    }

    /**
     * Compiles the sources (path → text, module-info.java among them) against the module path and jars them.
     *
     * @param jar        the jar to write
     * @param version    the module version to record, or null
     * @param modulePath what the module reads
     * @param sources    relative path → source text
     * @return the jar
     */
    Path build(Path jar, String version, List<Path> modulePath, Map<String, String> sources) throws IOException {
        Path src = Files.createTempDirectory(work, "src");
        Path classes = Files.createTempDirectory(work, "classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "25"));
        if (!modulePath.isEmpty()) {
            args.add("--module-path");
            args.add(String.join(java.io.File.pathSeparator, modulePath.stream().map(Path::toString).toList()));
        }
        if (version != null) {
            args.add("--module-version");
            args.add(version);
        }
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        run("javac", args);
        Files.createDirectories(jar.getParent());
        run("jar", List.of("--create", "--file", jar.toString(), "-C", classes.toString(), "."));
        return jar;
    }

    /** A plugin module providing a secret store with the given id. */
    Path store(Path jar, String module, String id) throws IOException {
        return store(jar, module, id, "");
    }

    /** A plugin module providing a secret store whose constructor throws an IllegalStateException with this message. */
    Path failingStore(Path jar, String module, String id, String message) throws IOException {
        return store(jar, module, id, "  public Store() { throw new IllegalStateException(\"" + message + "\"); }\n");
    }

    private Path store(Path jar, String module, String id, String constructor) throws IOException {
        String pkg = module + ".internal";
        String cls = "Store";
        return build(jar, "1.0.0", List.of(api()), Map.of(
                "module-info.java", "module " + module + " { requires dev.entraauth.api;"
                        + " provides dev.entraauth.api.store.SecretStore with " + pkg + "." + cls + "; }",
                pkg.replace('.', '/') + "/" + cls + ".java", "package " + pkg + ";\n"
                        + "import dev.entraauth.api.store.*;\n"
                        + "public final class " + cls + " implements SecretStore {\n"
                        + constructor
                        + "  public String id() { return \"" + id + "\"; }\n"
                        + "  public String description() { return \"plugin store " + id + "\"; }\n"
                        + "  public Availability availability(StoreContext c) { return Availability.available(\"always\"); }\n"
                        + "  public SecretVault open(StoreContext c) throws StoreException { throw new StoreException(\"test\"); }\n"
                        + "}\n"));
    }

    private static void run(String tool, List<String> args) {
        StringWriter out = new StringWriter();
        int code = ToolProvider.findFirst(tool).orElseThrow().run(new PrintWriter(out), new PrintWriter(out), args.toArray(String[]::new));
        assertEquals(0, code, tool + " failed: " + out);
    }
}
