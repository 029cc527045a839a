package dev.entraauth.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tenant of the emulated directory: its id, verified domains, applications and users. */
public final class Tenant {
    private final String id;
    private final List<String> domains = new CopyOnWriteArrayList<>();
    private final Map<String, Application> applications = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();

    Tenant(String id, String domain) {
        this.id = id;
        this.domains.add(domain.toLowerCase(Locale.ROOT));
    }

    /** {@return the tenant id (a GUID)} */
    public String id() {
        return id;
    }

    /** {@return the verified domains, the first being the initial one} */
    public List<String> domains() {
        return List.copyOf(domains);
    }

    /**
     * Registers an application.
     *
     * @param displayName the application's name
     * @return the application, with a new client id; configure it through its methods
     */
    public Application addApplication(String displayName) {
        return addApplication(UUID.randomUUID().toString(), displayName);
    }

    /**
     * Registers an application with a given client id (for well-known apps such as Microsoft's).
     *
     * @param clientId    the client id, a GUID
     * @param displayName the application's name
     * @return the application
     */
    public Application addApplication(String clientId, String displayName) {
        Application app = new Application(clientId.toLowerCase(Locale.ROOT), UUID.randomUUID().toString(), displayName,
                domains.getFirst());
        applications.put(app.clientId(), app);
        return app;
    }

    /**
     * Adds a user.
     *
     * @param username    the sign-in name, such as {@code ada@contoso.onmicrosoft.com}
     * @param password    the password typed on the sign-in page
     * @param displayName the display name
     * @return the user
     */
    public User addUser(String username, String password, String displayName) {
        User user = new User(UUID.randomUUID().toString(), username.toLowerCase(Locale.ROOT), password, displayName);
        users.put(user.username(), user);
        return user;
    }

    /**
     * @param clientId an application (client) id
     * @return the application, if registered here
     */
    public Optional<Application> application(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(applications.get(clientId.toLowerCase(Locale.ROOT)));
    }

    /** {@return every application} */
    public List<Application> applications() {
        return List.copyOf(applications.values());
    }

    /**
     * @param username a sign-in name
     * @return the user, if present
     */
    public Optional<User> user(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(users.get(username.toLowerCase(Locale.ROOT)));
    }

    /**
     * @param objectId a user's object id
     * @return the user, if present
     */
    public Optional<User> userById(String objectId) {
        return users.values().stream().filter(u -> u.objectId().equals(objectId)).findFirst();
    }

    /** {@return every user} */
    public List<User> users() {
        return List.copyOf(users.values());
    }

    boolean matches(String idOrDomain) {
        String wanted = idOrDomain.toLowerCase(Locale.ROOT);
        return id.equals(wanted) || domains.contains(wanted);
    }
}
