package io.cairn.web;

import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestNamesTest {
    @Test
    void aDnsLabelPasses() {
        assertEquals("web-1", RequestNames.require("VM", "web-1"));
    }

    @Test
    void anythingElseNamesNothingAndIsQuotedPrintably() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> RequestNames.require("VM", "../x\n"));
        assertTrue(e.getMessage().startsWith("no VM named '../x\\u000a' (VM names are DNS labels"), e.getMessage());
        assertEquals("no node named ''", assertThrows(NotFoundException.class,
                () -> RequestNames.require("node", null)).getMessage().substring(0, 16));
        String longName = "a".repeat(100);
        assertTrue(RequestNames.notFound("VM", longName).getMessage().endsWith("a...'"));
    }

    @Test
    void aMissingServiceIsUnavailable() {
        Object service = new Object();
        assertSame(service, Services.require(() -> service, "the VM service"));
        assertEquals("the VM service is not available on this node yet", assertThrows(UnavailableException.class,
                () -> Services.require(() -> null, "the VM service")).getMessage());
    }
}
