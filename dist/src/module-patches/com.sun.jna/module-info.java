// JNA's own descriptor (jna-jpms) with java.desktop made optional: JNA touches AWT only in Native's window-handle
// helpers, which no store calls, and a hard requirement would link java.desktop (about 12 MB) into the image.
module com.sun.jna {
    requires java.logging;
    requires static java.desktop;
    exports com.sun.jna;
    exports com.sun.jna.ptr;
    exports com.sun.jna.win32;
}
