package dev.entraauth.cli.command;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.StandardFlow;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.cache.AccessTokenCache;
import dev.entraauth.core.profile.ProfileFastReader;
import java.io.IOException;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The lean path of {@code get-token}: a valid token from the CLI's own cache, answered before picocli builds its
 * model, without msal, Jackson's data binding or the network. It takes only the simple argument shapes scripts use
 * ({@code get-token [-p N] [-f F] [--scope S]… [--silent] [--output text|json] [--store ID]}) and answers only a
 * cache hit, printing exactly what {@link TokenOptions#acquire} prints for it. Anything else — another argument,
 * a value that looks like an option, an unknown profile, a miss, an expired token, any error — prints nothing and
 * is left to the full command line, which then behaves exactly as without this path: the vault, when opened here,
 * is kept in the {@link CliContext} (opened once per run), and nothing else here changes state.
 */
public final class CachedTokenPath {
    private CachedTokenPath() {
    }

    /**
     * @param context the run's context
     * @param args    the command line
     * @return the exit code when the cache answered; empty when the full command line must run
     */
    public static OptionalInt answer(CliContext context, String... args) {
        Arguments arguments = Arguments.parse(args);
        if (arguments == null) {
            return OptionalInt.empty();
        }
        try {
            return answer(context, arguments);
        } catch (EntraAuthException | IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private static OptionalInt answer(CliContext context, Arguments arguments) throws EntraAuthException, IOException {
        String name = arguments.profile != null ? arguments.profile
                : context.environment().getOrDefault(GetTokenCommand.PROFILE_VARIABLE, "default");
        Optional<List<Profile>> profiles = ProfileFastReader.read(context.home(), context.flows());
        Optional<Profile> found = profiles.flatMap(all -> all.stream().filter(p -> p.name().equals(name)).findFirst());
        if (found.isEmpty()) {
            return OptionalInt.empty();
        }
        Profile profile = found.get();
        Flow flow = arguments.flow != null ? context.flows().resolve(arguments.flow) : context.flows().infer(profile);
        if (StandardFlow.InteractiveBrowser.name().equals(flow.name())) {
            return OptionalInt.empty();   // it may switch to device code with a message: the full path decides
        }
        if (!flow.canServe(profile)) {
            return OptionalInt.empty();
        }
        List<String> wanted = arguments.scopes != null ? ProfileFieldOptions.splitScopes(arguments.scopes) : profile.scopes();
        if (wanted.isEmpty()) {
            return OptionalInt.empty();
        }
        // What the full path sets before it opens the vault (the store may tell of its creation, unless --silent).
        context.silent(arguments.silent);
        if (arguments.store != null) {
            context.storeId(arguments.store);
        }
        Optional<TokenResult> cached = AccessTokenCache.find(context.vault(), profile, flow.name(), wanted, context.clock());
        if (cached.isEmpty()) {
            return OptionalInt.empty();
        }
        TokenResult token = cached.get();
        String result = arguments.json ? json(token, profile) : token.accessToken();
        // Certain from here on: print what the full path prints for a cached token, in its order.
        Interaction interaction = context.interaction();
        if (!arguments.silent) {   // info lines are not printed then: not formatting the time saves loading zone names
            interaction.info(Symbols.check() + " Using cached token");
            interaction.info("Token expires: " + TokenOptions.LOCAL.format(token.expiresOn().atZone(ZoneId.systemDefault())));
        }
        SecretExpiryWarning.of(profile, context.clock().instant()).ifPresent(interaction::warn);
        context.out().println(result);
        return OptionalInt.of(ExitCode.OK.code());
    }

    /** The JSON object of {@link TokenOptions}, written as Jackson's data binding writes it (indented). */
    private static String json(TokenResult token, Profile profile) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JsonFactory.builder().build().createGenerator(text)) {   // only for --output json
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeStringField("access_token", token.accessToken());
            json.writeStringField("token_type", token.tokenType());
            json.writeNumberField("expires_on", token.expiresOn().getEpochSecond());
            json.writeStringField("expires_at", token.expiresOn().toString());
            json.writeArrayFieldStart("scopes");
            for (String scope : token.scopes()) {
                json.writeString(scope);
            }
            json.writeEndArray();
            json.writeStringField("tenant_id", token.tenantId());
            json.writeStringField("profile", profile.name());
            json.writeEndObject();
        }
        return text.toString().strip();
    }

    /** The argument shapes this path takes; {@code null} for any other. */
    private static final class Arguments {
        String profile;
        String flow;
        List<String> scopes;
        boolean silent;
        boolean json;
        boolean output;
        String store;

        static Arguments parse(String[] args) {
            if (args.length == 0) {
                return null;
            }
            Arguments a = new Arguments();
            int i = 0;
            if (args[0].equals("--store")) {
                a.store = args.length > 2 ? value(args[1]) : null;
                if (a.store == null) {
                    return null;
                }
                i = 2;
            }
            if (!args[i].equals("get-token")) {
                return null;
            }
            for (i++; i < args.length; i++) {
                String arg = args[i];
                String option = arg;
                String attached = null;
                int equals = arg.indexOf('=');
                if (arg.startsWith("--") && equals > 0) {
                    option = arg.substring(0, equals);
                    attached = arg.substring(equals + 1);
                }
                boolean takesValue = !option.equals("--silent");   // an unknown option is refused below
                String value = null;
                if (takesValue) {
                    value = attached != null ? value(attached) : i + 1 < args.length ? value(args[++i]) : null;
                    if (value == null) {
                        return null;
                    }
                } else if (attached != null) {
                    return null;
                }
                switch (option) {
                    case "-p", "--profile" -> {
                        if (a.profile != null) {
                            return null;
                        }
                        a.profile = value;
                    }
                    case "-f", "--flow" -> {
                        if (a.flow != null) {
                            return null;
                        }
                        a.flow = value;
                    }
                    case "--scope" -> {
                        if (a.scopes == null) {
                            a.scopes = new ArrayList<>();
                        }
                        a.scopes.add(value);
                    }
                    case "--output" -> {
                        if (a.output || !(value.equals("text") || value.equals("json"))) {
                            return null;
                        }
                        a.output = true;
                        a.json = value.equals("json");
                    }
                    case "--store" -> {
                        if (a.store != null) {   // also given before get-token: picocli would refuse
                            return null;
                        }
                        a.store = value;
                    }
                    case "--silent" -> {
                        if (a.silent) {
                            return null;
                        }
                        a.silent = true;
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return a;
        }

        /** A separate value: refused when it is empty or could be read as an option, an argument file or a command. */
        private static String value(String arg) {
            return arg.isEmpty() || arg.startsWith("-") || arg.startsWith("@") ? null : arg;
        }
    }
}
