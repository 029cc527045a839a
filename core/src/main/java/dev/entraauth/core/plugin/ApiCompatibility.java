package dev.entraauth.core.plugin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The api's compatibility rule: a plugin built against api {@code X.Y.Z} runs on a CLI whose api has the same major
 * version {@code X} and a minor version of at least {@code Y} (a minor version only adds); while the major version
 * is 0, the minor version must be the same (anything may change before 1.0).
 */
public final class ApiCompatibility {
    /** The rule in one line, for messages. */
    public static final String RULE = "same major version and a minor version at least the plugin's; in 0.x the same minor version";
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    private ApiCompatibility() {
    }

    /**
     * @param builtAgainst the api version the plugin was compiled against
     * @param running      the api version of this CLI
     * @return whether the plugin may run; an unparsable version is judged compatible only when equal
     */
    public static boolean compatible(String builtAgainst, String running) {
        Matcher built = VERSION.matcher(builtAgainst);
        Matcher here = VERSION.matcher(running);
        if (!built.matches() || !here.matches()) {
            return builtAgainst.equals(running);
        }
        int builtMajor = Integer.parseInt(built.group(1));
        int builtMinor = Integer.parseInt(built.group(2));
        int major = Integer.parseInt(here.group(1));
        int minor = Integer.parseInt(here.group(2));
        if (builtMajor != major) {
            return false;
        }
        return major == 0 ? builtMinor == minor : minor >= builtMinor;
    }
}
