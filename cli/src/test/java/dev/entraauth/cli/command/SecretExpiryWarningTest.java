package dev.entraauth.cli.command;

import static dev.entraauth.cli.command.ConfigCreateCommandTest.CANARY;
import static dev.entraauth.cli.command.ConfigCreateCommandTest.CLIENT;
import static dev.entraauth.cli.command.ConfigCreateCommandTest.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.profile.ProfileRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** get-token reminds on stderr from 14 days before the profile's client secret expires (seed 002's advice). */
class SecretExpiryWarningTest {
    @TempDir
    Path home;

    private CliRun cli(Duration secretLeft) throws Exception {
        CliRun create = new CliRun(home).stdin(CANARY);
        assertEquals(0, create.run("config", "create", "--no-prompt", "--name", "ci", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--secret-stdin", "--scope", "https://graph.microsoft.com/.default"), create.err);
        ProfileRepository profiles = create.contextForListing().profiles();
        Profile profile = profiles.get("ci");
        profiles.replace(profile.toBuilder().credentialExpiry(CliRun.NOW.plus(secretLeft)).build());
        CliRun cli = new CliRun(home);
        cli.store.entries.putAll(create.store.entries);
        cli.flows = List.of(new GetTokenCommandTest.RecordingFlow());
        return cli;
    }

    @Test
    void nineDaysBeforeTheExpiryEveryCallWarnsEvenSilentlyAndStdoutStaysTheToken() throws Exception {
        CliRun cli = cli(Duration.ofDays(9).plusHours(3));

        int fresh = cli.run("get-token", "-p", "ci", "--silent");
        String first = cli.err;
        int cached = cli.run("get-token", "-p", "ci");

        assertEquals(0, fresh, first);
        assertEquals(GetTokenCommandTest.TOKEN + "\n", cli.out);
        assertEquals("Warning: the client secret of profile 'ci' expires on 2026-12-01 (in 9 days): create a new one with"
                + " 'entra-auth-cli config edit -p ci --create-secret'\n", first);
        assertEquals(0, cached, cli.err);
        assertTrue(cli.err.contains("Using cached token") && cli.err.contains("expires on 2026-12-01 (in 9 days)"), cli.err);
    }

    @Test
    void anExpiredSecretIsSaidToHaveExpired() throws Exception {
        CliRun cli = cli(Duration.ofDays(-2));

        assertEquals(0, cli.run("get-token", "-p", "ci", "--silent"), cli.err);

        assertTrue(cli.err.contains("the client secret of profile 'ci' expired on 2026-11-20: create a new one"), cli.err);
    }

    @Test
    void fifteenDaysBeforeTheExpiryNothingIsSaid() throws Exception {
        CliRun cli = cli(Duration.ofDays(15));

        assertEquals(0, cli.run("get-token", "-p", "ci", "--silent"), cli.err);

        assertEquals("", cli.err);
    }

    @Test
    void theReminderFollowsTheDateAcrossTheLastDays() {
        Profile profile = Profile.builder("ci").tenantId(TENANT).clientId(CLIENT)
                .authMethod(dev.entraauth.api.profile.AuthMethod.ClientSecret).build();
        Instant now = CliRun.NOW;

        assertTrue(SecretExpiryWarning.of(profile, now).isEmpty(), "no expiry recorded: no warning");
        assertTrue(SecretExpiryWarning.of(profile.toBuilder().credentialExpiry(now.plus(Duration.ofDays(14))).build(), now)
                .orElseThrow().contains("(in 14 days)"));
        assertTrue(SecretExpiryWarning.of(profile.toBuilder().credentialExpiry(now.plus(Duration.ofHours(30))).build(), now)
                .orElseThrow().contains("(in 1 day)"));
        assertTrue(SecretExpiryWarning.of(profile.toBuilder().credentialExpiry(now.plus(Duration.ofHours(3))).build(), now)
                .orElseThrow().contains("(today)"));
        assertFalse(SecretExpiryWarning.of(profile.toBuilder().authMethod(dev.entraauth.api.profile.AuthMethod.PublicClient)
                .credentialExpiry(now).build(), now).isPresent(), "only client secrets are reminded of here");
    }
}
