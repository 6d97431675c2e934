package io.cairn.api.storage;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageTest {
    private static String refusal(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void namesAreOneZfsComponentThatFitsAUrl() {
        assertEquals("debian-12.4_x", ImageName.require("debian-12.4_x"));
        assertEquals("9front", ImageName.require("9front"));
        assertEquals("a".repeat(63), ImageName.require("a".repeat(63)));
        assertTrue(refusal(() -> ImageName.require("a".repeat(64))).contains("at most 63"));
        assertTrue(refusal(() -> ImageName.require("a b")).contains("no space or '/'"));
        assertTrue(refusal(() -> ImageName.require("a/b")).contains("'a/b'"));
        assertTrue(refusal(() -> ImageName.require("-x")).contains("start with a letter or digit"));
        assertTrue(refusal(() -> ImageName.require(".x")).contains("start with a letter or digit"));
        assertTrue(refusal(() -> ImageName.require(null)).contains("was missing"));
    }

    @Test
    void anImageIsRawOrQcow2WithAPositiveSizeRoundedUpToMiB() {
        Image image = new Image("deb", "tank", "qcow2", (32L << 20) + 1, Instant.EPOCH);
        assertEquals(33, image.sizeMiB());
        assertEquals(32, new Image("deb", "tank", "raw", 32L << 20, Instant.EPOCH).sizeMiB());
        assertTrue(refusal(() -> new Image("deb", "tank", "vmdk", 1, Instant.EPOCH)).contains("raw or qcow2, was vmdk"));
        assertTrue(refusal(() -> new Image("deb", "tank", "raw", 0, Instant.EPOCH)).contains("positive"));
        assertTrue(refusal(() -> new Image("deb", "a/b", "raw", 1, Instant.EPOCH)).contains("pool name"));
        assertThrows(NullPointerException.class, () -> new Image("deb", "tank", "raw", 1, null));
    }
}
