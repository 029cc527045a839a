package dev.entraauth.storage.macos.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IN-MEMORY FAKE of the Keychain, for testing the store's logic where the Security framework does not
 * exist (Linux, Windows): items by service and account with SecItem's statuses (duplicate on add, not found on
 * update/find/delete), a log of the calls made, and statuses a test queues to be answered instead. It proves
 * nothing about the Security framework; {@code KeychainStoreMacTest} runs the real one on macOS.
 */
final class FakeKeychain implements Keychain {
    final Map<String, byte[]> items = new TreeMap<>();
    final Map<String, String> labels = new TreeMap<>();
    final List<String> calls = new ArrayList<>();
    /** Statuses answered (in order) by the next calls instead of doing them. */
    final Deque<Integer> forced = new ArrayDeque<>();
    /** Runs between an add that met a duplicate and the update (another process acting meanwhile). */
    Runnable betweenAddAndUpdate = () -> { };

    private static String id(String service, String account) {
        return service + "\u0000" + account;
    }

    private Integer forcedStatus(String call) {
        calls.add(call);
        return forced.poll();
    }

    @Override
    public int add(String service, String account, String label, byte[] data) {
        Integer status = forcedStatus("add " + service + " " + account);
        if (status != null) {
            return status;
        }
        if (items.containsKey(id(service, account))) {
            betweenAddAndUpdate.run();
            return OsStatus.DUPLICATE_ITEM;
        }
        items.put(id(service, account), data.clone());
        labels.put(id(service, account), label);
        return OsStatus.SUCCESS;
    }

    @Override
    public int update(String service, String account, byte[] data) {
        Integer status = forcedStatus("update " + service + " " + account);
        if (status != null) {
            return status;
        }
        if (!items.containsKey(id(service, account))) {
            return OsStatus.ITEM_NOT_FOUND;
        }
        items.put(id(service, account), data.clone());
        return OsStatus.SUCCESS;
    }

    @Override
    public Result<byte[]> find(String service, String account) {
        Integer status = forcedStatus("find " + service + " " + account);
        if (status != null) {
            return new Result<>(status, null);
        }
        byte[] data = items.get(id(service, account));
        return data == null ? new Result<>(OsStatus.ITEM_NOT_FOUND, null) : new Result<>(OsStatus.SUCCESS, data.clone());
    }

    @Override
    public int delete(String service, String account) {
        Integer status = forcedStatus("delete " + service + " " + account);
        if (status != null) {
            return status;
        }
        return items.remove(id(service, account)) == null ? OsStatus.ITEM_NOT_FOUND : OsStatus.SUCCESS;
    }

    @Override
    public Result<List<String>> accounts(String service) {
        Integer status = forcedStatus("accounts " + service);
        if (status != null) {
            return new Result<>(status, null);
        }
        List<String> accounts = items.keySet().stream().filter(k -> k.startsWith(service + "\u0000"))
                .map(k -> k.substring(service.length() + 1)).toList();
        // like SecItemCopyMatching, no match is errSecItemNotFound rather than an empty array
        return accounts.isEmpty() ? new Result<>(OsStatus.ITEM_NOT_FOUND, null) : new Result<>(OsStatus.SUCCESS, accounts);
    }

    @Override
    public String describe(int status) {
        return status == OsStatus.INTERACTION_NOT_ALLOWED ? "User interaction is not allowed." : null;
    }
}
