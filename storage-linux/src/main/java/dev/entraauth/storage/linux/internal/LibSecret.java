package dev.entraauth.storage.linux.internal;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small binding to {@code libsecret-1} (and the few GLib calls it needs) through JNA's {@link Function}: the
 * {@code secret_password_*v_sync} calls with a {@code GHashTable} of attributes, a {@code GCancellable} each, and
 * {@code GError}s turned into {@link Failure}s. Values pass as NUL-terminated strings (the caller base64-encodes
 * bytes); every native buffer that held one is zeroed after the call, and libsecret's answer is freed with
 * {@code secret_password_free}, which clears it too.
 *
 * <p>No JNA proxy, structure or callback is used: nothing here needs reflection into this module.
 */
final class LibSecret {
    /** {@code SECRET_SEARCH_ALL}: every matching item, not only the first. */
    private static final int SEARCH_ALL = 1 << 1;
    private static final int MAX_SCHEMA_ATTRIBUTES = 32;

    private final Function storev;
    private final Function lookupv;
    private final Function clearv;
    private final Function searchv;
    private final Function passwordFree;
    private final Function retrievableAttributes;
    private final Function hashTableNew;
    private final Function hashTableInsert;
    private final Function hashTableLookup;
    private final Function hashTableUnref;
    private final Function strHash;
    private final Function strEqual;
    private final Function listFreeFull;
    private final Function objectUnref;
    private final Function cancellableNew;
    private final Function cancellableCancel;
    private final Function errorFree;

    /** A libsecret or GLib error: its message, never a secret. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /**
     * Loads the libraries.
     *
     * @throws UnsatisfiedLinkError when libsecret-1 (or GLib) is not installed
     */
    LibSecret() {
        NativeLibrary secret = load("libsecret-1.so.0", "secret-1");
        NativeLibrary glib = load("libglib-2.0.so.0", "glib-2.0");
        NativeLibrary gobject = load("libgobject-2.0.so.0", "gobject-2.0");
        NativeLibrary gio = load("libgio-2.0.so.0", "gio-2.0");
        storev = secret.getFunction("secret_password_storev_sync");
        lookupv = secret.getFunction("secret_password_lookupv_sync");
        clearv = secret.getFunction("secret_password_clearv_sync");
        // libsecret 0.19+ only (RHEL 8 has 0.18): needed for listing alone, so their absence disables only that.
        searchv = optional(secret, "secret_password_searchv_sync");
        passwordFree = secret.getFunction("secret_password_free");
        retrievableAttributes = optional(secret, "secret_retrievable_get_attributes");
        hashTableNew = glib.getFunction("g_hash_table_new");
        hashTableInsert = glib.getFunction("g_hash_table_insert");
        hashTableLookup = glib.getFunction("g_hash_table_lookup");
        hashTableUnref = glib.getFunction("g_hash_table_unref");
        strHash = glib.getFunction("g_str_hash");
        strEqual = glib.getFunction("g_str_equal");
        listFreeFull = glib.getFunction("g_list_free_full");
        errorFree = glib.getFunction("g_error_free");
        objectUnref = gobject.getFunction("g_object_unref");
        cancellableNew = gio.getFunction("g_cancellable_new");
        cancellableCancel = gio.getFunction("g_cancellable_cancel");
    }

    private static Function optional(NativeLibrary library, String name) {
        try {
            return library.getFunction(name);
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }

    /**
     * By soname first, which the system's dynamic loader resolves (the image sets {@code jna.platform.library.path}
     * empty, so JNA runs no {@code ldconfig}); the plain name finds only a development symlink ({@code libsecret-1.so})
     * then, and is a fallback for systems whose library carries another soname.
     */
    private static NativeLibrary load(String soname, String name) {
        try {
            return NativeLibrary.getInstance(soname);
        } catch (UnsatisfiedLinkError e) {
            return NativeLibrary.getInstance(name);
        }
    }

    /** A {@code SecretSchema}: a name and its string attributes, kept in native memory for the process's life. */
    static final class Schema {
        private final Memory memory;
        private final List<Memory> strings = new ArrayList<>();

        Schema(String name, List<String> attributes) {
            if (attributes.size() > MAX_SCHEMA_ATTRIBUTES) {
                throw new IllegalArgumentException("a schema has at most 32 attributes");
            }
            int pointer = Native.POINTER_SIZE;
            // struct { const gchar *name; SecretSchemaFlags flags; SecretSchemaAttribute attributes[32];
            //          gint reserved; gpointer reserved1..7; }, SecretSchemaAttribute = { const gchar *name; int type; }
            long attributeSize = align(pointer + 4L, pointer);
            long attributesOffset = align(pointer + 4L, pointer);
            long size = attributesOffset + MAX_SCHEMA_ATTRIBUTES * attributeSize + align(4, pointer) + 7L * pointer;
            memory = new Memory(size);
            memory.clear();
            memory.setPointer(0, string(name));
            memory.setInt(pointer, 0);   // SECRET_SCHEMA_NONE: the schema name is matched as xdg:schema
            for (int i = 0; i < attributes.size(); i++) {
                memory.setPointer(attributesOffset + i * attributeSize, string(attributes.get(i)));
                memory.setInt(attributesOffset + i * attributeSize + pointer, 0);   // SECRET_SCHEMA_ATTRIBUTE_STRING
            }
        }

        private Memory string(String value) {
            Memory m = LibSecret.utf8(value.getBytes(StandardCharsets.UTF_8));
            strings.add(m);
            return m;
        }

        private static long align(long value, int to) {
            return (value + to - 1) / to * to;
        }
    }

    /** A cancellable call: {@link #cancel()} from another thread makes the blocked call return an error. */
    final class Cancellable implements AutoCloseable {
        private final Pointer handle = cancellableNew.invokePointer(new Object[0]);
        private boolean closed;

        synchronized void cancel() {
            if (!closed) {
                cancellableCancel.invokeVoid(new Object[] {handle});
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                objectUnref.invokeVoid(new Object[] {handle});
            }
        }
    }

    Cancellable cancellable() {
        return new Cancellable();
    }

    /**
     * Stores (or replaces) the item with exactly these attributes in the default collection.
     *
     * @param value the NUL-free bytes of the password; the native copy is zeroed afterwards
     */
    void store(Schema schema, Map<String, String> attributes, String label, byte[] value, Cancellable cancellable)
            throws Failure {
        Memory password = utf8(value);
        try (Attributes table = new Attributes(attributes); GError error = new GError()) {
            int ok = storev.invokeInt(new Object[] {schema.memory, table.handle, null, label, password, cancellable.handle,
                    error.slot});
            error.check();
            if (ok == 0) {
                throw new Failure("the item was not stored");
            }
        } finally {
            password.clear();
        }
    }

    /**
     * @return the password's bytes (the caller clears them), or empty when no item matches
     */
    Optional<byte[]> lookup(Schema schema, Map<String, String> attributes, Cancellable cancellable) throws Failure {
        try (Attributes table = new Attributes(attributes); GError error = new GError()) {
            Pointer found = lookupv.invokePointer(new Object[] {schema.memory, table.handle, cancellable.handle, error.slot});
            error.check();
            if (found == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(found.getByteArray(0, (int) found.indexOf(0, (byte) 0)));
            } finally {
                passwordFree.invokeVoid(new Object[] {found});
            }
        }
    }

    /** {@return whether any item matching the attributes was removed} */
    boolean clear(Schema schema, Map<String, String> attributes, Cancellable cancellable) throws Failure {
        try (Attributes table = new Attributes(attributes); GError error = new GError()) {
            int removed = clearv.invokeInt(new Object[] {schema.memory, table.handle, cancellable.handle, error.slot});
            error.check();
            return removed != 0;
        }
    }

    /**
     * @param attribute the attribute whose values to list
     * @return that attribute's value of every item matching the attributes (locked items too; no secret is read)
     */
    List<String> search(Schema schema, Map<String, String> attributes, String attribute, Cancellable cancellable)
            throws Failure {
        if (searchv == null || retrievableAttributes == null) {
            throw new Failure("this libsecret-1 cannot list items (secret_password_searchv_sync needs libsecret 0.19 or later)");
        }
        try (Attributes table = new Attributes(attributes); GError error = new GError()) {
            Pointer list = searchv.invokePointer(new Object[] {schema.memory, table.handle, SEARCH_ALL, cancellable.handle,
                    error.slot});
            error.check();
            List<String> values = new ArrayList<>();
            try {
                // GList { gpointer data; GList *next; GList *prev; }
                for (Pointer node = list; node != null; node = node.getPointer(Native.POINTER_SIZE)) {
                    Pointer item = node.getPointer(0);
                    Pointer itemAttributes = retrievableAttributes.invokePointer(new Object[] {item});
                    if (itemAttributes == null) {
                        continue;
                    }
                    try {
                        Pointer value = hashTableLookup.invokePointer(new Object[] {itemAttributes, attribute});
                        if (value != null) {
                            values.add(value.getString(0, StandardCharsets.UTF_8.name()));
                        }
                    } finally {
                        hashTableUnref.invokeVoid(new Object[] {itemAttributes});
                    }
                }
            } finally {
                if (list != null) {
                    listFreeFull.invokeVoid(new Object[] {list, objectUnref});
                }
            }
            return values;
        }
    }

    /** A {@code GHashTable} of string attributes whose keys and values live in Java-owned native memory. */
    private final class Attributes implements AutoCloseable {
        private final Pointer handle;
        private final List<Memory> strings = new ArrayList<>();

        Attributes(Map<String, String> attributes) {
            handle = hashTableNew.invokePointer(new Object[] {strHash, strEqual});
            attributes.forEach((name, value) -> {
                Memory k = utf8(name.getBytes(StandardCharsets.UTF_8));
                Memory v = utf8(value.getBytes(StandardCharsets.UTF_8));
                strings.add(k);
                strings.add(v);
                hashTableInsert.invokeInt(new Object[] {handle, k, v});
            });
        }

        @Override
        public void close() {
            hashTableUnref.invokeVoid(new Object[] {handle});
            strings.forEach(Memory::close);
        }
    }

    /** A {@code GError **} slot. */
    private final class GError implements AutoCloseable {
        private final Memory slot = new Memory(Native.POINTER_SIZE);

        GError() {
            slot.setPointer(0, null);
        }

        /** Throws the error set by the call, if any, and frees it. */
        void check() throws Failure {
            Pointer error = slot.getPointer(0);
            if (error == null) {
                return;
            }
            slot.setPointer(0, null);
            // GError { GQuark domain; gint code; gchar *message; }
            Pointer message = error.getPointer(8);
            String text = message == null ? "unknown error" : message.getString(0, StandardCharsets.UTF_8.name());
            errorFree.invokeVoid(new Object[] {error});
            throw new Failure(text.strip().replaceAll("\\s+", " "));
        }

        @Override
        public void close() {
            Pointer error = slot.getPointer(0);
            if (error != null) {
                errorFree.invokeVoid(new Object[] {error});
            }
            slot.close();
        }
    }

    private static Memory utf8(byte[] bytes) {
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        return m;
    }
}
