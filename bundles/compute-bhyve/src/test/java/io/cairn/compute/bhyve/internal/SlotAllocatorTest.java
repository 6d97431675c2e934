package io.cairn.compute.bhyve.internal;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlotAllocatorTest {
    private static final List<String> FIRST = List.of("disk:/a.img", "disk:/b.img", "nic:02:00:00:00:00:01",
            "nic:02:00:00:00:00:02", SlotAllocator.RNG);

    @Test
    void aFirstStartFillsTheSlotsAfterTheHostbridgeInOrder() {
        assertEquals(Map.of("disk:/a.img", 1, "disk:/b.img", 2, "nic:02:00:00:00:00:01", 3, "nic:02:00:00:00:00:02", 4,
                SlotAllocator.RNG, 5), SlotAllocator.assign(FIRST, Map.of()));
    }

    @Test
    void theSameDevicesGetTheSameSlotsOnEveryRestart() {
        Map<String, Integer> first = SlotAllocator.assign(FIRST, Map.of());
        Map<String, Integer> previous = first;
        for (int restart = 0; restart < 5; restart++) {
            Map<String, Integer> again = SlotAllocator.assign(FIRST, previous);
            assertEquals(first, again);
            previous = again;
        }
    }

    @Test
    void addedAndRemovedDevicesDoNotMoveTheOthers() {
        Map<String, Integer> first = SlotAllocator.assign(FIRST, Map.of());
        // a disk added in front and the first NIC removed: the remaining devices stay where the guest knows them
        List<String> changed = List.of("disk:/new.img", "disk:/a.img", "disk:/b.img", "nic:02:00:00:00:00:02",
                SlotAllocator.RNG);
        Map<String, Integer> next = SlotAllocator.assign(changed, first);
        assertEquals(1, next.get("disk:/a.img"));
        assertEquals(2, next.get("disk:/b.img"));
        assertEquals(4, next.get("nic:02:00:00:00:00:02"));
        assertEquals(5, next.get(SlotAllocator.RNG));
        assertEquals(3, next.get("disk:/new.img"), "the new disk takes the slot the removed NIC freed");
    }

    @Test
    void slotsOutsideTheDeviceRangeOrTakenTwiceInARecordAreReassigned() {
        Map<String, Integer> corrupt = new LinkedHashMap<>();
        corrupt.put("disk:/a.img", 31); // the LPC bridge's slot
        corrupt.put("disk:/b.img", 2);
        corrupt.put("nic:02:00:00:00:00:01", 2); // same slot twice
        Map<String, Integer> next = SlotAllocator.assign(FIRST, corrupt);
        assertEquals(2, next.get("disk:/b.img"));
        assertEquals(List.of(1, 2, 3, 4, 5), next.values().stream().sorted().toList());
    }

    @Test
    void moreDevicesThanSlotsAreRefusedWithTheCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlotAllocator.requireCapacity("big", 20, 10));
        assertEquals("VM big has 20 disks and 10 NICs, 30 PCI devices, but bhyve has 32 slots on its bus, of which the "
                + "hostbridge, the LPC bridge and the RNG take 3: at most 29 disks and NICs together; remove 1",
                e.getMessage());
        SlotAllocator.requireCapacity("fits", 13, 16);
        assertTrue(SlotAllocator.CAPACITY == 29);
    }
}
