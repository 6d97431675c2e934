package io.cairn.core.internal.storage;

import io.cairn.api.storage.MemberStatus;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolMember;

import java.nio.file.Path;
import java.util.List;

/**
 * Which node a vdev of an imported pool belongs to: a member's own disk path, or an attachment
 * directory {@code …/POOL/MEMBER/<file>} of the export driver (on whichever node imported it).
 */
final class MemberDevices {
    private MemberDevices() {
    }

    static List<MemberStatus> name(Pool pool, List<MemberStatus> members) {
        return members.stream().map(m -> m.withNode(nodeOf(pool, pathOf(m)))).toList();
    }

    /** A missing member shows as its GUID with a note "was PATH". */
    static String pathOf(MemberStatus m) {
        return m.note().startsWith("was /") ? m.note().substring(4).strip() : m.device();
    }

    static String nodeOf(Pool pool, String device) {
        for (PoolMember m : pool.members()) {
            if (m.disk().equals(device)) {
                return m.node();
            }
        }
        Path parent = Path.of(device).getParent();
        if (parent != null && parent.getParent() != null && parent.getParent().getFileName() != null
                && parent.getParent().getFileName().toString().equals(pool.name())) {
            String member = parent.getFileName().toString();
            if (pool.memberOf(member).isPresent()) {
                return member;
            }
        }
        return null;
    }
}
