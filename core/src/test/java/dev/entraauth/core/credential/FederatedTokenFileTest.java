package dev.entraauth.core.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The federated token file is read whole, bounded, and only when it is a regular file. */
class FederatedTokenFileTest {
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

    @TempDir
    Path dir;

    private static Profile profile(Path file) {
        return Profile.builder("wif").tenantId("contoso.onmicrosoft.com").clientId("11111111-2222-3333-4444-555555555555")
                .authMethod(AuthMethod.FederatedToken).federatedTokenFile(file.toString()).build();
    }

    @Test
    void aTokenFileIsReadAgainEachTimeSoARotatedTokenIsSeen() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), JWT + "\n");
        FederatedTokenFile token = FederatedTokenFile.of(profile(file), Map.of());
        Files.writeString(file, JWT.replace("c2ln", "bmV3"));

        assertEquals(JWT.replace("c2ln", "bmV3"), token.read());
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");

        AuthException e = assertThrows(AuthException.class, () -> FederatedTokenFile.of(profile(fifo), Map.of()));

        assertEquals(ExitCode.AUTHENTICATION, e.exitCode());
        assertTrue(e.getMessage().endsWith("is not a regular file"), e.getMessage());
    }

    @Test
    void moreThan64KiBIsNotATokenAndAMissingFileIsNamed() throws Exception {
        Path big = Files.write(dir.resolve("big"), new byte[FederatedTokenFile.MAX_BYTES + 1]);

        AuthException tooBig = assertThrows(AuthException.class, () -> FederatedTokenFile.of(profile(big), Map.of()));
        AuthException missing = assertThrows(AuthException.class, () -> FederatedTokenFile.of(profile(dir.resolve("none")), Map.of()));

        assertTrue(tooBig.getMessage().contains("holds more than 65536 bytes"), tooBig.getMessage());
        assertEquals(ExitCode.NOT_FOUND, missing.exitCode());
        assertTrue(missing.getMessage().contains(dir.resolve("none") + " does not exist"), missing.getMessage());
    }
}
