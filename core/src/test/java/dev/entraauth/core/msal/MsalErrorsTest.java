package dev.entraauth.core.msal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.aad.msal4j.MsalServiceException;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Entra's errors as one line with the code, Entra's first sentence, a hint and an exit code. */
class MsalErrorsTest {
    private static AuthException translate(String code, String error) {
        String message = "AADSTS" + code + ": Something Entra says. More detail.\r\nTrace ID: t\r\nCorrelation ID: c\r\nTimestamp: x";
        return MsalErrors.translate(new ExecutionException(new MsalServiceException(message, error)), "ci");
    }

    @ParameterizedTest(name = "AADSTS{0} -> {2}")
    @CsvSource({
            "7000215, invalid_client, AUTHENTICATION, config edit -p ci --secret-stdin",
            "7000222, invalid_client, AUTHENTICATION, has expired",
            "700016, unauthorized_client, AUTHENTICATION, client ID and tenant",
            "90002, invalid_request, AUTHENTICATION, tenant ID",
            "700027, invalid_client, AUTHENTICATION, certificate",
            "700024, invalid_client, AUTHENTICATION, clock of this machine",
            "1002012, invalid_scope, AUTHORIZATION, /.default",
            "70011, invalid_scope, AUTHORIZATION, check the scope",
            "65001, invalid_grant, AUTHORIZATION, consent",
            "50076, invalid_grant, INTERACTION_REQUIRED, sign in again",
            "700082, invalid_grant, INTERACTION_REQUIRED, sign in again",
            "50173, invalid_grant, INTERACTION_REQUIRED, sign in again",
            "50196, temporarily_unavailable, SERVICE, cached token",
            "9999999, invalid_request, ERROR, AADSTS9999999"
    })
    void eachKnownCodeGetsItsExitCodeAndHint(String code, String error, ExitCode exit, String hint) {
        AuthException e = translate(code, error);

        assertEquals(exit, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith("AADSTS" + code + ": Something Entra says."), e.getMessage());
        assertTrue(e.getMessage().contains(hint), e.getMessage());
        assertTrue(!e.getMessage().contains("Trace ID") && !e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void transportFailuresAreNetworkOrTimeout() {
        assertEquals(ExitCode.TIMEOUT, MsalErrors.translate(new ExecutionException(new HttpTimeoutException("x")), "ci").exitCode());
        assertEquals(ExitCode.TIMEOUT, MsalErrors.translate(new TimeoutException(), "ci").exitCode());
        assertEquals(ExitCode.NETWORK, MsalErrors.translate(new ExecutionException(
                new RuntimeException(new ConnectException("Connection refused"))), "ci").exitCode());
        AuthException tls = MsalErrors.translate(new ExecutionException(new RuntimeException(
                new SSLHandshakeException("PKIX path building failed"))), "ci");
        assertEquals(ExitCode.NETWORK, tls.exitCode());
        assertTrue(tls.getMessage().contains("--ca-bundle"), tls.getMessage());
    }

    @Test
    void aTokenCacheLockOrStoreFailureKeepsItsOwnExitCodeAndMessage() {
        String timedOut = "timed out after 6 s waiting for /home/x/locks/ci.token-cache.lock, held by another entra-auth-cli"
                + " process; try again";
        EntraAuthException lock = new EntraAuthException(ExitCode.IO, timedOut, new java.io.IOException("cause"));

        AuthException e = MsalErrors.translate(new ExecutionException(new CompletionException(new CacheAccessException(lock))), "ci");

        assertEquals(ExitCode.IO, e.exitCode(), "not a network error: " + e.getMessage());
        assertEquals(timedOut, e.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "authorization_declined, AUTHORIZATION, the sign-in was declined",
            "access_denied, AUTHORIZATION, the sign-in was declined",
            "expired_token, TIMEOUT, the device code expired",
            "bad_verification_code, ABNORMAL, does not know the device code",
            "no_such_error, ERROR, no_such_error"
    })
    void eachWayDevicePollingEndsHasItsOwnExitCodeAndMessage(String error, ExitCode exit, String text) {
        AuthException e = MsalErrors.translateDeviceCode(new ExecutionException(new MsalServiceException(
                "AADSTS70000: Entra's words.\r\nTrace ID: t", error)), "phone");

        assertEquals(exit, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith("AADSTS70000: "), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
        assertTrue(!e.getMessage().contains("Trace ID") && !e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void msalsOwnExpiryOfTheDeviceCodeIsTheSameTimeoutAsTheServers() {
        AuthException e = MsalErrors.translateDeviceCode(new java.util.concurrent.CompletionException(
                new com.microsoft.aad.msal4j.MsalClientException("Expired Device code", "code_expired")), "phone");

        assertEquals(ExitCode.TIMEOUT, e.exitCode());
        assertTrue(e.getMessage().contains("get-token -p phone -f DeviceCode"), e.getMessage());
    }

    @Test
    void anAppThatDoesNotAllowPublicClientFlowsSaysWhichSettingToTurnOn() {
        AuthException e = MsalErrors.translateDeviceCode(new ExecutionException(new MsalServiceException(
                "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
                "invalid_client")), "phone");

        assertEquals(ExitCode.AUTHENTICATION, e.exitCode());
        assertTrue(e.getMessage().contains("Allow public client flows"), e.getMessage());
    }
}
