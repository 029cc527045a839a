package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.core.registry.CommandRegistry;
import dev.entraauth.core.registry.FlowRegistry;
import dev.entraauth.core.registry.ProviderInfo;
import dev.entraauth.core.registry.SecretStoreRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code plugins}: every flow, secret store and command found through ServiceLoader, and where it comes from. */
@Command(name = "plugins", description = "List the flows, secret stores and commands found, with module, version, location"
        + " and availability.", mixinStandardHelpOptions = true)
final class PluginsCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    OutputOption output;

    PluginsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        List<ProviderInfo> flows = context.flows().flows().stream().map(FlowRegistry::describe).toList();
        List<ProviderInfo> stores = new ArrayList<>();
        for (SecretStore store : context.stores().stores()) {
            stores.add(SecretStoreRegistry.describe(store, context));
        }
        List<ProviderInfo> commands = context.commands().commands().stream().map(CommandRegistry::describe).toList();
        Optional<String> selected = selectedStore();
        List<String> problems = new ArrayList<>(context.pluginProblems());
        problems.addAll(context.flows().problems());
        problems.addAll(context.stores().problems());
        problems.addAll(context.commands().problems());
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("flows", flows.stream().map(i -> json(i, false)).toList());
            json.put("stores", stores.stream().map(i -> json(i, selected.map(i.id()::equals).orElse(false))).toList());
            json.put("commands", commands.stream().map(i -> json(i, false)).toList());
            json.put("problems", problems);
            ProfileView.json(context.out(), json);
        } else {
            PrintWriter out = context.out();
            section(out, "Flows", flows, Optional.empty());
            section(out, "Secret stores", stores, selected);
            section(out, "Commands", commands, Optional.empty());
            if (!problems.isEmpty()) {
                out.println("Problems:");
                problems.forEach(p -> out.println("  " + p));
            }
        }
        return ExitCode.OK.code();
    }

    private Optional<String> selectedStore() {
        try {
            return Optional.of(context.store().id());
        } catch (EntraAuthException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> json(ProviderInfo info, boolean selected) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", info.id());
        map.put("description", info.description());
        map.put("module", info.origin().module());
        map.put("version", info.origin().version());
        map.put("location", info.origin().location());
        map.put("origin", origin(info));
        map.put("available", info.availability().available());
        map.put("availability", info.availability().reason());
        if ("store".equals(info.kind())) {
            map.put("selected", selected);
        }
        return map;
    }

    /** {@code built-in} for a module linked into the image, else where it was loaded from (a plugin's jar). */
    private static String origin(ProviderInfo info) {
        String location = info.origin().location();
        return location.startsWith("jrt:") ? "built-in" : location.startsWith("file:") ? java.nio.file.Path.of(java.net.URI.create(location)).toString()
                : location;
    }

    private static void section(PrintWriter out, String title, List<ProviderInfo> infos, Optional<String> selected) {
        out.println(title + " (" + infos.size() + "):");
        if (infos.isEmpty()) {
            out.println("  none installed");
        }
        for (ProviderInfo info : infos) {
            String mark = selected.map(info.id()::equals).orElse(false) ? "* " : "  ";
            out.println(mark + info.id() + "  " + (info.availability().available() ? "available" : "unavailable")
                    + "  " + info.origin().module() + " " + info.origin().version() + "  " + origin(info));
            out.println("      " + info.description());
            out.println("      " + info.availability().reason());
        }
        out.println();
    }
}
