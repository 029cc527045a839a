package dev.entraauth.cli.command;

import picocli.CommandLine;

/** The version from the module descriptor, and the runtime it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getModule().isNamed()
                ? VersionProvider.class.getModule().getDescriptor().rawVersion().orElse("unversioned")
                : "unversioned";
        return new String[] {
                "entra-auth-cli " + version,
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
