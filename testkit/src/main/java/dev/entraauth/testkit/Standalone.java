package dev.entraauth.testkit;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator from the command line until it is stopped:
 * {@code java -jar entra-auth-testkit-standalone.jar --port P --state-dir DIR}. Writes {@code DIR/emulator.json}
 * (base URL, CA, tenant, seeded apps, ready-made {@code config create} lines) and the CA and credential files.
 */
public final class Standalone {
    private Standalone() {
    }

    /**
     * @param args {@code [--port P] [--imds-port P] --state-dir DIR}
     * @throws Exception when it cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = 0;
        int imdsPort = 0;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--imds-port" -> imdsPort = Integer.parseInt(args[++i]);
                case "--state-dir" -> dir = Path.of(args[++i]);
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    usage();
                    System.exit(2);
                }
            }
        }
        if (dir == null) {
            usage();
            System.exit(2);
        }
        EntraEmulator emulator = EntraEmulator.start(port, imdsPort);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        Path file = writeState(emulator, dir.toAbsolutePath());
        System.err.println("Entra ID emulator at " + emulator.baseUrl() + " (tenant " + emulator.seed().tenant().id() + "); state in " + file);
        new CountDownLatch(1).await();
    }

    private static void usage() {
        System.err.println("usage: java -jar entra-auth-testkit-standalone.jar [--port P] [--imds-port P] --state-dir DIR");
    }

    /**
     * Writes the CA, the seeded credentials and {@code emulator.json} into a directory.
     *
     * @param emulator the running emulator
     * @param dir      the directory (created if missing)
     * @return the path of {@code emulator.json}
     * @throws IOException when the files cannot be written
     */
    public static Path writeState(EntraEmulator emulator, Path dir) throws IOException {
        Files.createDirectories(dir);
        EntraEmulator.Seed seed = emulator.seed();
        EntraEmulator.AppCertificate certificate = emulator.seededCertificate();
        String pfxPassword = "emulator-pfx";
        Path ca = Files.writeString(dir.resolve("ca.pem"), emulator.caCertificatePem(), StandardCharsets.US_ASCII);
        Path pfx = Files.write(dir.resolve("app.pfx"), certificate.pkcs12(pfxPassword.toCharArray()));
        Path pem = Files.writeString(dir.resolve("app.pem"), certificate.certificatePem() + certificate.privateKeyPem(), StandardCharsets.US_ASCII);
        Path key = Files.writeString(dir.resolve("app.key"), certificate.privateKeyPem(), StandardCharsets.US_ASCII);

        String common = " --tenant-id " + seed.tenant().id() + " --authority-host " + emulator.baseUrl();
        Map<String, Object> commands = new LinkedHashMap<>();
        commands.put("clientSecretProfile", "EMULATOR_CLIENT_SECRET='" + seed.clientSecret().value()
                + "' entra-auth-cli config create --no-prompt --name emulator-secret" + common + " --client-id "
                + seed.confidentialApp().clientId() + " --secret-env EMULATOR_CLIENT_SECRET --scope https://graph.microsoft.com/.default");
        commands.put("certificatePfxProfile", "EMULATOR_PFX_PASSWORD='" + pfxPassword
                + "' entra-auth-cli config create --no-prompt --name emulator-pfx" + common + " --client-id "
                + seed.confidentialApp().clientId() + " --certificate " + pfx + " --certificate-password-env EMULATOR_PFX_PASSWORD"
                + " --scope https://graph.microsoft.com/.default");
        commands.put("certificatePemProfile", "entra-auth-cli config create --no-prompt --name emulator-pem" + common
                + " --client-id " + seed.confidentialApp().clientId() + " --certificate " + pem + " --scope https://graph.microsoft.com/.default");
        commands.put("publicClientProfile", "entra-auth-cli config create --no-prompt --name emulator-user" + common
                + " --client-id " + seed.publicApp().clientId() + " --auth-method PublicClient --scope https://graph.microsoft.com/User.Read");
        commands.put("environment", "export ENTRA_AUTH_CLI_CA_BUNDLE=" + ca);

        Map<String, Object> state = new LinkedHashMap<>();
        state.put("baseUrl", emulator.baseUrl());
        state.put("caCertificate", ca.toString());
        state.put("tenantId", seed.tenant().id());
        state.put("tenantDomain", seed.tenant().domains().getFirst());
        state.put("authority", emulator.authority());
        state.put("graphBaseUrl", emulator.graphBaseUrl());
        state.put("imdsEndpoint", emulator.imdsEndpoint());
        state.put("appServiceIdentityEndpoint", emulator.appServiceIdentityEndpoint());
        state.put("appServiceIdentityHeader", emulator.appServiceIdentityHeader());
        state.put("confidentialApp", Map.of("clientId", seed.confidentialApp().clientId(), "clientSecret", seed.clientSecret().value(),
                "pfx", pfx.toString(), "pfxPassword", pfxPassword, "certificatePem", pem.toString(), "privateKeyPem", key.toString(),
                "thumbprintSha256", Pki.thumbprint(seed.certificate(), "SHA-256")));
        state.put("publicApp", Map.of("clientId", seed.publicApp().clientId()));
        state.put("graphCliApp", Map.of("clientId", seed.graphCli().clientId()));
        state.put("user", Map.of("username", seed.user().username(), "password", EntraEmulator.Seed.USER_PASSWORD,
                "objectId", seed.user().objectId()));
        state.put("managedIdentities", Map.of("systemAssignedClientId", seed.systemIdentity().clientId(),
                "userAssignedClientId", seed.userIdentity().clientId()));
        state.put("commands", commands);
        // Written aside and moved into place, so a script waiting for emulator.json never reads half of it.
        Path file = dir.resolve("emulator.json");
        Path partial = Files.write(dir.resolve("emulator.json.partial"),
                Call.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(state));
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
