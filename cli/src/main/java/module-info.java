/**
 * The entra-auth-cli command line: picocli commands over the core, the {@code main} entry point and a
 * {@link java.util.spi.ToolProvider} named {@code entra-auth-cli}.
 *
 * @provides java.util.spi.ToolProvider runs the CLI in-process
 */
module dev.entraauth.cli {
    requires dev.entraauth.core;
    requires dev.entraauth.graph;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;

    exports dev.entraauth.cli;

    opens dev.entraauth.cli.command to info.picocli;

    provides java.util.spi.ToolProvider with dev.entraauth.cli.EntraAuthToolProvider;
}
