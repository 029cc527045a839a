module com.microsoft.aad.msal4j {
    requires transitive com.azure.json;
    requires org.slf4j;
    requires java.xml;
    requires jdk.httpserver;
    requires static java.desktop;
    exports com.microsoft.aad.msal4j;
    // msal reads the managed identity source's environment variables through a package-private seam; the
    // ManagedIdentity flow hands it the CLI's environment there (and nothing else uses deep reflection on msal)
    opens com.microsoft.aad.msal4j to dev.entraauth.flows.managedidentity;
}
