package dev.entraauth.storage.macos.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Keychain through the Security framework's {@code SecItem} API, called with JNA: the query dictionaries
 * are CoreFoundation objects ({@code CFDictionary} of {@code CFString} and {@code CFData}), built here and
 * released after each call. The secret goes from a Java array into a {@code CFData} and nowhere else: no
 * process is started. Only loaded on macOS: {@link KeychainStore#open} creates it there.
 */
final class SecurityFramework implements Keychain {
    private static final int UTF8 = 0x08000100; // kCFStringEncodingUTF8

    /** The CoreFoundation functions used (CFIndex and CFTypeID are 64-bit). */
    interface CoreFoundation extends Library {
        Pointer CFStringCreateWithBytes(Pointer allocator, byte[] bytes, long length, int encoding, byte external);

        Pointer CFDataCreate(Pointer allocator, byte[] bytes, long length);

        long CFDataGetLength(Pointer data);

        Pointer CFDataGetBytePtr(Pointer data);

        Pointer CFDictionaryCreateMutable(Pointer allocator, long capacity, Pointer keyCallBacks, Pointer valueCallBacks);

        void CFDictionarySetValue(Pointer dictionary, Pointer key, Pointer value);

        Pointer CFDictionaryGetValue(Pointer dictionary, Pointer key);

        long CFArrayGetCount(Pointer array);

        Pointer CFArrayGetValueAtIndex(Pointer array, long index);

        long CFStringGetLength(Pointer string);

        long CFStringGetMaximumSizeForEncoding(long length, int encoding);

        byte CFStringGetCString(Pointer string, byte[] buffer, long size, int encoding);

        long CFGetTypeID(Pointer object);

        long CFArrayGetTypeID();

        long CFDictionaryGetTypeID();

        long CFStringGetTypeID();

        long CFDataGetTypeID();

        void CFRelease(Pointer object);
    }

    /** The Security framework functions used; each returns an {@code OSStatus}. */
    interface Security extends Library {
        int SecItemAdd(Pointer attributes, PointerByReference result);

        int SecItemCopyMatching(Pointer query, PointerByReference result);

        int SecItemUpdate(Pointer query, Pointer attributesToUpdate);

        int SecItemDelete(Pointer query);

        Pointer SecCopyErrorMessageString(int status, Pointer reserved);
    }

    private final CoreFoundation cf;
    private final Security sec;
    private final Pointer keyCallBacks;
    private final Pointer valueCallBacks;
    private final Pointer booleanTrue;
    private final Pointer kSecClass;
    private final Pointer kSecClassGenericPassword;
    private final Pointer kSecAttrService;
    private final Pointer kSecAttrAccount;
    private final Pointer kSecAttrLabel;
    private final Pointer kSecValueData;
    private final Pointer kSecReturnData;
    private final Pointer kSecReturnAttributes;
    private final Pointer kSecMatchLimit;
    private final Pointer kSecMatchLimitOne;
    private final Pointer kSecMatchLimitAll;

    SecurityFramework() {
        cf = Native.load("CoreFoundation", CoreFoundation.class);
        sec = Native.load("Security", Security.class);
        NativeLibrary cfLibrary = NativeLibrary.getInstance("CoreFoundation");
        NativeLibrary secLibrary = NativeLibrary.getInstance("Security");
        keyCallBacks = cfLibrary.getGlobalVariableAddress("kCFTypeDictionaryKeyCallBacks");
        valueCallBacks = cfLibrary.getGlobalVariableAddress("kCFTypeDictionaryValueCallBacks");
        booleanTrue = constant(cfLibrary, "kCFBooleanTrue");
        kSecClass = constant(secLibrary, "kSecClass");
        kSecClassGenericPassword = constant(secLibrary, "kSecClassGenericPassword");
        kSecAttrService = constant(secLibrary, "kSecAttrService");
        kSecAttrAccount = constant(secLibrary, "kSecAttrAccount");
        kSecAttrLabel = constant(secLibrary, "kSecAttrLabel");
        kSecValueData = constant(secLibrary, "kSecValueData");
        kSecReturnData = constant(secLibrary, "kSecReturnData");
        kSecReturnAttributes = constant(secLibrary, "kSecReturnAttributes");
        kSecMatchLimit = constant(secLibrary, "kSecMatchLimit");
        kSecMatchLimitOne = constant(secLibrary, "kSecMatchLimitOne");
        kSecMatchLimitAll = constant(secLibrary, "kSecMatchLimitAll");
    }

    /** A framework's exported {@code const CFStringRef} (or {@code CFBooleanRef}) variable. */
    private static Pointer constant(NativeLibrary library, String name) {
        return library.getGlobalVariableAddress(name).getPointer(0);
    }

    @Override
    public int add(String service, String account, String label, byte[] data) {
        try (Dictionary attributes = item(service, account)) {
            attributes.put(kSecAttrLabel, attributes.string(label));
            attributes.put(kSecValueData, attributes.data(data));
            return sec.SecItemAdd(attributes.ref, null);
        }
    }

    @Override
    public int update(String service, String account, byte[] data) {
        try (Dictionary query = item(service, account); Dictionary changes = new Dictionary()) {
            changes.put(kSecValueData, changes.data(data));
            return sec.SecItemUpdate(query.ref, changes.ref);
        }
    }

    @Override
    public Result<byte[]> find(String service, String account) {
        try (Dictionary query = item(service, account)) {
            query.put(kSecReturnData, booleanTrue);
            query.put(kSecMatchLimit, kSecMatchLimitOne);
            PointerByReference result = new PointerByReference();
            int status = sec.SecItemCopyMatching(query.ref, result);
            Pointer data = result.getValue();
            try {
                if (status != OsStatus.SUCCESS || data == null || cf.CFGetTypeID(data) != cf.CFDataGetTypeID()) {
                    return new Result<>(status == OsStatus.SUCCESS ? OsStatus.ITEM_NOT_FOUND : status, null);
                }
                long length = cf.CFDataGetLength(data);
                return new Result<>(status, length == 0 ? new byte[0] : cf.CFDataGetBytePtr(data).getByteArray(0, (int) length));
            } finally {
                release(data);
            }
        }
    }

    @Override
    public int delete(String service, String account) {
        try (Dictionary query = item(service, account)) {
            return sec.SecItemDelete(query.ref);
        }
    }

    @Override
    public Result<List<String>> accounts(String service) {
        try (Dictionary query = new Dictionary()) {
            query.put(kSecClass, kSecClassGenericPassword);
            query.put(kSecAttrService, query.string(service));
            query.put(kSecReturnAttributes, booleanTrue);
            query.put(kSecMatchLimit, kSecMatchLimitAll);
            PointerByReference result = new PointerByReference();
            int status = sec.SecItemCopyMatching(query.ref, result);
            Pointer found = result.getValue();
            try {
                if (status != OsStatus.SUCCESS || found == null) {
                    return new Result<>(status, null);
                }
                List<String> accounts = new ArrayList<>();
                if (cf.CFGetTypeID(found) == cf.CFArrayGetTypeID()) {
                    long count = cf.CFArrayGetCount(found);
                    for (long i = 0; i < count; i++) {
                        addAccount(cf.CFArrayGetValueAtIndex(found, i), accounts);
                    }
                } else {
                    addAccount(found, accounts);
                }
                return new Result<>(status, List.copyOf(accounts));
            } finally {
                release(found);
            }
        }
    }

    @Override
    public String describe(int status) {
        Pointer message = sec.SecCopyErrorMessageString(status, null);
        try {
            return message == null ? null : javaString(message);
        } finally {
            release(message);
        }
    }

    private void addAccount(Pointer attributes, List<String> accounts) {
        if (attributes == null || cf.CFGetTypeID(attributes) != cf.CFDictionaryGetTypeID()) {
            return;
        }
        Pointer account = cf.CFDictionaryGetValue(attributes, kSecAttrAccount); // not owned: no release
        if (account != null && cf.CFGetTypeID(account) == cf.CFStringGetTypeID()) {
            String text = javaString(account);
            if (text != null) {
                accounts.add(text);
            }
        }
    }

    private String javaString(Pointer string) {
        long size = cf.CFStringGetMaximumSizeForEncoding(cf.CFStringGetLength(string), UTF8) + 1;
        byte[] buffer = new byte[(int) size];
        if (cf.CFStringGetCString(string, buffer, size, UTF8) == 0) {
            return null;
        }
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8);
    }

    private void release(Pointer object) {
        if (object != null) {
            cf.CFRelease(object);
        }
    }

    /** The query of one generic-password item: class, service, account. */
    private Dictionary item(String service, String account) {
        Dictionary query = new Dictionary();
        query.put(kSecClass, kSecClassGenericPassword);
        query.put(kSecAttrService, query.string(service));
        query.put(kSecAttrAccount, query.string(account));
        return query;
    }

    /** A mutable CFDictionary and the CF objects made for it, all released on close. */
    private final class Dictionary implements AutoCloseable {
        final Pointer ref = cf.CFDictionaryCreateMutable(null, 0, keyCallBacks, valueCallBacks);
        private final List<Pointer> owned = new ArrayList<>();

        void put(Pointer key, Pointer value) {
            cf.CFDictionarySetValue(ref, key, value); // the dictionary retains key and value
        }

        Pointer string(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return own(cf.CFStringCreateWithBytes(null, bytes, bytes.length, UTF8, (byte) 0));
        }

        Pointer data(byte[] bytes) {
            return own(cf.CFDataCreate(null, bytes, bytes.length));
        }

        private Pointer own(Pointer object) {
            if (object == null) {
                throw new IllegalStateException("CoreFoundation could not allocate an object");
            }
            owned.add(object);
            return object;
        }

        @Override
        public void close() {
            release(ref);
            owned.forEach(SecurityFramework.this::release);
        }
    }
}
