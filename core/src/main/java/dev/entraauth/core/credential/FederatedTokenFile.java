package dev.entraauth.core.credential;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.profile.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The federated token of workload identity federation: a JWT an external issuer (a Kubernetes cluster, GitHub
 * Actions) wrote to a file, sent as the client assertion. Such tokens live minutes and the file is rewritten
 * before they expire, so it is read again for every token request and never kept. The token is never shown.
 *
 * @param path the file
 */
public record FederatedTokenFile(Path path) {
    /** The variable Kubernetes' workload identity webhook (and Azure SDKs) use for the file. */
    public static final String VARIABLE = "AZURE_FEDERATED_TOKEN_FILE";
    /** Federated tokens are small JWTs; anything larger is not one. */
    static final int MAX_BYTES = 64 * 1024;

    /**
     * The profile's file, else the one {@code AZURE_FEDERATED_TOKEN_FILE} names.
     *
     * @param profile     a FederatedToken profile
     * @param environment the environment
     * @return the file, checked to hold a token now
     * @throws AuthException when no file is named, or it cannot be read or holds no token
     */
    public static FederatedTokenFile of(Profile profile, Map<String, String> environment) throws AuthException {
        String named = profile.federatedTokenFile() != null ? profile.federatedTokenFile() : environment.get(VARIABLE);
        if (named == null || named.isBlank()) {
            throw new AuthException(ExitCode.USAGE, "profile '" + profile.name() + "' takes its federated token from the file"
                    + " AZURE_FEDERATED_TOKEN_FILE names, and it is not set; set it (Kubernetes workload identity and"
                    + " GitHub Actions do), or give the file with 'entra-auth-cli config edit -p " + profile.name()
                    + " --federated-token-file PATH'");
        }
        FederatedTokenFile file = new FederatedTokenFile(Path.of(named));
        file.read();
        return file;
    }

    /**
     * @return the token, read now
     * @throws AuthException naming the file when it is missing, unreadable, empty, too large or not a JWT
     */
    public String read() throws AuthException {
        byte[] bytes;
        try {
            // A regular file only (a FIFO or a device would block or never end), and never more than the limit read:
            // the size is checked on what is read, not on what the file said a moment before.
            if (!Files.isRegularFile(path) && Files.exists(path)) {
                throw new AuthException(ExitCode.AUTHENTICATION, "the federated token file " + path + " is not a regular file");
            }
            try (java.io.InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw new AuthException(ExitCode.AUTHENTICATION, "the federated token file " + path + " holds more than "
                        + MAX_BYTES + " bytes; it is not a token");
            }
        } catch (NoSuchFileException e) {
            throw new AuthException(ExitCode.NOT_FOUND, "the federated token file " + path + " does not exist", e);
        } catch (IOException e) {
            throw new AuthException(ExitCode.IO, "the federated token file " + path + " cannot be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        String token = new String(bytes, StandardCharsets.US_ASCII).strip();
        if (token.isEmpty() || token.chars().filter(c -> c == '.').count() != 2 || !token.matches("[A-Za-z0-9_\\-.]+")) {
            throw new AuthException(ExitCode.AUTHENTICATION, "the federated token file " + path + " does not hold a JWT"
                    + " (three base64url parts separated by dots)");
        }
        return token;
    }

    /**
     * {@link #read()} for msal's assertion callback, which cannot throw checked exceptions.
     *
     * @return the token
     */
    public String readForRequest() {
        try {
            return read();
        } catch (AuthException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }
}
