package io.tapbus.runtime.tags;

/** How tag UIDs appear outside the platform's own tables: logs, events and scan lists show them masked. */
final class TagText {
    private TagText() {
    }

    /** First 4 and last 2 hex digits: enough to tell tags apart in a list, not enough to clone a plain-mirroring URL. */
    static String maskUid(String uid) {
        if (uid == null) {
            return null;
        }
        if (uid.length() < 8) {
            return "****";
        }
        return uid.substring(0, 4) + "********" + uid.substring(uid.length() - 2);
    }
}
