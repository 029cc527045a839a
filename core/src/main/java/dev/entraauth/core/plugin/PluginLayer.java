package dev.entraauth.core.plugin;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The plugins of a run: every {@code *.jar} in the plugins directory that passes the checks, resolved into one
 * module layer on top of the given parent (the boot layer). A plugin is a module (modular jar, or an automatic
 * module with {@code META-INF/services}) that reads {@code dev.entraauth.api} and provides a {@code Flow},
 * {@code SecretStore} or {@code CommandProvider}.
 *
 * <p>Checks, each failure a problem naming the jar (or the directory) and the reason, the CLI working on without it:
 * <ul>
 *   <li>the directory and each jar belong to the user running the CLI (or to root) and are not writable by group or
 *       others, on a POSIX file system — a plugin runs with the user's rights, so a directory others can write to
 *       would let them run code as the user; the directory failing means no plugin is loaded at all;</li>
 *   <li>the jar is a module (not a broken or non-jar file) whose name no other module already has;</li>
 *   <li>it was compiled against a compatible api (the same major version; in 0.x the same minor version);</li>
 *   <li>its dependencies resolve (in the image or among the other plugins).</li>
 * </ul>
 * A provider that fails when instantiated is reported by the registries.
 */
public final class PluginLayer {
    /** The environment variable naming another plugins directory. */
    public static final String PLUGINS_VARIABLE = "ENTRA_AUTH_CLI_PLUGINS";
    /** The module every plugin builds against. */
    public static final String API_MODULE = "dev.entraauth.api";

    private final ModuleLayer layer;
    private final Map<String, Path> plugins;
    private final List<String> problems;

    private PluginLayer(ModuleLayer layer, Map<String, Path> plugins, List<String> problems) {
        this.layer = layer;
        this.plugins = Map.copyOf(plugins);
        this.problems = List.copyOf(problems);
    }

    /** {@return the layer to find providers in: the plugins' layer, or the parent when no plugin was loaded} */
    public ModuleLayer layer() {
        return layer;
    }

    /** {@return the loaded plugin modules, by name, with their jars} */
    public Map<String, Path> plugins() {
        return plugins;
    }

    /** {@return what was refused and why, one line each, naming the jar or directory} */
    public List<String> problems() {
        return problems;
    }

    /**
     * @param directory the plugins directory; nothing is loaded when it does not exist
     * @param parent    the layer plugins are resolved on (the boot layer)
     * @return the plugins that passed the checks, in a layer of their own
     */
    public static PluginLayer load(Path directory, ModuleLayer parent) {
        List<String> problems = new ArrayList<>();
        List<Path> jars;
        try {
            if (!Files.isDirectory(directory)) {
                return new PluginLayer(parent, Map.of(), List.of());
            }
            Optional<String> unsafe = unsafe(directory, true);
            if (unsafe.isPresent()) {
                return new PluginLayer(parent, Map.of(), List.of("plugins directory " + directory + " " + unsafe.get()
                        + ": no plugin is loaded from it"));
            }
            jars = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.jar")) {
                entries.forEach(jars::add);
            }
        } catch (IOException e) {
            return new PluginLayer(parent, Map.of(), List.of("plugins directory " + directory + " cannot be read: " + e));
        }
        jars.sort(null);

        Map<String, ModuleReference> candidates = new TreeMap<>();
        Map<String, Path> jarOf = new HashMap<>();
        for (Path jar : jars) {
            try {
                Optional<String> unsafe = unsafe(jar, false);
                if (unsafe.isPresent()) {
                    problems.add("plugin " + jar + " " + unsafe.get() + ": not loaded");
                    continue;
                }
            } catch (IOException e) {
                problems.add("plugin " + jar + " cannot be read: " + e.getMessage());
                continue;
            }
            ModuleReference module;
            try {
                Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
                if (found.size() != 1) {
                    problems.add("plugin " + jar + " is not a module jar");
                    continue;
                }
                module = found.iterator().next();
            } catch (FindException e) {
                problems.add("plugin " + jar + " is not a usable module: " + firstLine(e));
                continue;
            }
            String name = module.descriptor().name();
            if (parent.findModule(name).isPresent()) {
                problems.add("plugin " + jar + " is module " + name + ", which the CLI already has: not loaded");
                continue;
            }
            if (candidates.containsKey(name)) {
                problems.add("plugin " + jar + " is module " + name + ", like " + jarOf.get(name) + ": neither is loaded");
                candidates.remove(name);
                continue;
            }
            Optional<String> api = incompatibleApi(module.descriptor(), parent);
            if (api.isPresent()) {
                problems.add("plugin " + jar + " " + api.get() + ": not loaded");
                continue;
            }
            candidates.put(name, module);
            jarOf.put(name, jar);
        }
        jarOf.keySet().retainAll(candidates.keySet());

        // Resolve each plugin alone first (with the others available for its dependencies) to name the one that fails.
        ModuleFinder all = ModuleFinder.of(candidates.keySet().stream().map(jarOf::get).toArray(Path[]::new));
        Map<String, Path> loaded = new LinkedHashMap<>();
        for (String name : candidates.keySet()) {
            try {
                parent.configuration().resolveAndBind(ModuleFinder.of(), all, Set.of(name));
                loaded.put(name, jarOf.get(name));
            } catch (FindException | ResolutionException e) {
                problems.add("plugin " + jarOf.get(name) + " (" + name + ") cannot be resolved: " + firstLine(e));
            }
        }
        if (loaded.isEmpty()) {
            return new PluginLayer(parent, Map.of(), problems);
        }
        try {
            ModuleFinder finder = ModuleFinder.of(loaded.values().toArray(Path[]::new));
            Configuration configuration = parent.configuration().resolveAndBind(ModuleFinder.of(), finder, loaded.keySet());
            ModuleLayer layer = parent.defineModulesWithOneLoader(configuration, ClassLoader.getSystemClassLoader());
            return new PluginLayer(layer, loaded, problems);
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            problems.add("plugins " + loaded.values() + " cannot be loaded together: " + firstLine(e));
            return new PluginLayer(parent, Map.of(), problems);
        }
    }

    /** Why a plugin file or directory is not safe to load code from, if it is not. */
    private static Optional<String> unsafe(Path path, boolean directory) throws IOException {
        // the file system's views, not Files.getFileStore (which reads the mount table on every start)
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Optional.empty();   // Windows: ACLs; the directory's inherited ACL is the installer's business
        }
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.of("does not exist");
        }
        if (attributes.isSymbolicLink()) {
            attributes = Files.readAttributes(path, PosixFileAttributes.class);
        }
        if (directory != attributes.isDirectory()) {
            return Optional.of(directory ? "is not a directory" : "is not a regular file");
        }
        Set<PosixFilePermission> mode = attributes.permissions();
        if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            return Optional.of("is writable by " + (mode.contains(PosixFilePermission.OTHERS_WRITE) ? "others" : "its group")
                    + " (mode " + PosixFilePermissions.toString(mode) + "; run chmod go-w on it)");
        }
        UserPrincipal owner = attributes.owner();
        UserPrincipal me = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
        if (!owner.equals(me) && !owner.getName().equals("root")) {
            return Optional.of("belongs to " + owner.getName() + ", not to you (" + me.getName() + ") or root");
        }
        return Optional.empty();
    }

    /** The api version a plugin was compiled against, when it is not compatible with this CLI's api. */
    private static Optional<String> incompatibleApi(ModuleDescriptor plugin, ModuleLayer parent) {
        Optional<ModuleDescriptor.Version> here = parent.findModule(API_MODULE).flatMap(m -> m.getDescriptor().version());
        Optional<ModuleDescriptor.Version> built = plugin.requires().stream().filter(r -> r.name().equals(API_MODULE))
                .findFirst().flatMap(ModuleDescriptor.Requires::compiledVersion);
        if (here.isEmpty() || built.isEmpty()) {
            return Optional.empty();
        }
        return ApiCompatibility.compatible(built.get().toString(), here.get().toString()) ? Optional.empty()
                : Optional.of("was built for " + API_MODULE + " " + built.get() + ", not compatible with this CLI's "
                        + here.get() + " (" + ApiCompatibility.RULE + ")");
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
