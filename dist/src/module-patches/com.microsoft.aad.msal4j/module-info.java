module com.microsoft.aad.msal4j {
    requires transitive com.azure.json;
    requires org.slf4j;
    requires java.xml;
    requires jdk.httpserver;
    requires static java.desktop;
    exports com.microsoft.aad.msal4j;
}
