package dev.entraauth.api.command;

import dev.entraauth.api.Interaction;
import java.nio.file.Path;
import java.util.Map;

/** What the CLI hands a contributed command. */
public interface CommandContext {

    /** {@return the CLI's home directory} */
    Path home();

    /** {@return the process environment, as the CLI sees it} */
    Map<String, String> environment();

    /** {@return prompts and stderr messages} */
    Interaction interaction();
}
