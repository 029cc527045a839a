package dev.entraauth.flows.managedidentity.internal;

import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes msal4j read the environment the CLI hands the flow ({@code FlowContext.environment()}) instead of the
 * process's: msal chooses the managed identity source and its endpoint from environment variables
 * ({@code IDENTITY_ENDPOINT}, {@code IDENTITY_HEADER}, {@code IMDS_ENDPOINT}, {@code MSI_ENDPOINT},
 * {@code IDENTITY_SERVER_THUMBPRINT}, {@code AZURE_POD_IDENTITY_AUTHORITY_HOST}) through a package-private,
 * process-wide seam ({@code ManagedIdentityApplication.setEnvironmentVariables}). The image's descriptor of msal4j
 * opens its package to this module for that alone. One acquisition at a time holds it.
 */
final class MsalEnvironment {
    private static final ReentrantLock LOCK = new ReentrantLock();

    private MsalEnvironment() {
    }

    /**
     * Runs an action while msal sees the given environment, then restores msal's default (the process's).
     *
     * @param environment the environment
     * @param action      what to run
     * @param <T>         its result
     * @return the action's result
     * @throws Exception what the action throws
     */
    static <T> T with(Map<String, String> environment, Callable<T> action) throws Exception {
        LOCK.lock();
        try {
            set(environment);
            try {
                return action.call();
            } finally {
                set(null);
            }
        } finally {
            LOCK.unlock();
        }
    }

    private static void set(Map<String, String> environment) {
        try {
            ClassLoader loader = ManagedIdentityApplication.class.getClassLoader();
            Class<?> type = Class.forName("com.microsoft.aad.msal4j.IEnvironmentVariables", false, loader);
            Object variables = environment == null ? null : Proxy.newProxyInstance(loader, new Class<?>[] {type},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getEnvironmentVariable" -> environment.get((String) args[0]);
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "the CLI's environment";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            Method setter = ManagedIdentityApplication.class.getDeclaredMethod("setEnvironmentVariables", type);
            setter.setAccessible(true);
            setter.invoke(null, variables);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | InvocationTargetException
                 | RuntimeException e) {
            throw new IllegalStateException("msal4j's environment seam is not there (msal4j version changed?): " + e, e);
        }
    }
}
