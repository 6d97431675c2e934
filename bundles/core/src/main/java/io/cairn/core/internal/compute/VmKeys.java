package io.cairn.core.internal.compute;

/** Keys of VM records in the consistent store. */
final class VmKeys {
    static final String VM_PREFIX = "vm/";
    static final String OWNER_PREFIX = "owner/";
    static final String REQUEST_PREFIX = "request/";
    /** Bumped by every admitted create or start, so two admissions decided on the same view cannot both land. */
    static final String ADMISSION = "admission/vms";

    private VmKeys() {
    }

    static String vm(String name) {
        return VM_PREFIX + name;
    }

    static String owner(String name) {
        return OWNER_PREFIX + name;
    }

    static String request(String name) {
        return REQUEST_PREFIX + name;
    }

    static String nameOf(String key) {
        return key.substring(key.indexOf('/') + 1);
    }
}
