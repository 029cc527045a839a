package dev.entraauth.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.spi.ToolProvider;

/** Runs entra-auth-cli in-process: {@code ToolProvider.findFirst("entra-auth-cli")}. */
public final class EntraAuthToolProvider implements ToolProvider {

    /** Creates the provider. */
    public EntraAuthToolProvider() {
    }

    @Override
    public String name() {
        return "entra-auth-cli";
    }

    @Override
    public Optional<String> description() {
        return Optional.of("Get OAuth2 access tokens from Microsoft Entra ID and manage the profiles behind them");
    }

    @Override
    public int run(PrintWriter out, PrintWriter err, String... args) {
        return Main.run(out, err, args);
    }
}
