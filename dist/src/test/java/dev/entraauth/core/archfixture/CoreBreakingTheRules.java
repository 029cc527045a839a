package dev.entraauth.core.archfixture;

import dev.entraauth.api.archfixture.ApiUsingJackson;
import dev.entraauth.cli.Main;
import dev.entraauth.storage.linux.internal.EncryptedFileStore;
import java.util.ServiceLoader;

/** Test fixture: a core class that breaks several rules at once. */
public final class CoreBreakingTheRules {
    /** Prints, loads services, parses with picocli and names a provider: all forbidden outside their place. */
    public void breakRules() {
        System.out.println("a result on stdout from the core");
        new IllegalStateException().printStackTrace();
        ServiceLoader.load(Runnable.class);
        new picocli.CommandLine(new Object());
        Main.class.getName();
        new ApiUsingJackson();
        new EncryptedFileStore();
    }
}
