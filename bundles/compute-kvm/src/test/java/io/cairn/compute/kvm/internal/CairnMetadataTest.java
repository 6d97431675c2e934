package io.cairn.compute.kvm.internal;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CairnMetadataTest {
    private static final String HOSTILE = "n\"o'd<e>&amp;]]>\u00e9";

    @Test
    void elementRoundTripsWithHostileValues() {
        CairnMetadata md = new CairnMetadata(UUID.randomUUID(), "web-1", HOSTILE, 42);
        Document doc = Xml.newDocument();
        Element metadata = doc.createElement("metadata");
        doc.appendChild(metadata);
        Element vm = md.appendTo(metadata);
        String xml = Xml.toString(doc, false);
        assertTrue(xml.contains("xmlns:cairn=\"" + CairnMetadata.NAMESPACE + "\""), xml);
        assertFalse(xml.contains("<e>"), xml);
        // parse the element on its own, the way libvirt hands it back
        Document single = Xml.newDocument();
        single.appendChild(single.importNode(vm, true));
        assertEquals(Optional.of(md), CairnMetadata.parse(Xml.toString(single, false)));
    }

    @Test
    void parsesWhatLibvirtReturns() {
        UUID id = UUID.randomUUID();
        String xml = "<cairn:vm xmlns:cairn=\"https://cairn.io/xmlns/vm/1\" id=\"" + id
                + "\" name=\"db\" owner=\"node2\" epoch=\"9\"/>";
        assertEquals(Optional.of(new CairnMetadata(id, "db", "node2", 9)), CairnMetadata.parse(xml));
        String otherPrefix = "<x:vm xmlns:x=\"https://cairn.io/xmlns/vm/1\" id=\"" + id
                + "\" name=\"db\" owner=\"node2\" epoch=\"9\"/>";
        assertEquals(Optional.of(new CairnMetadata(id, "db", "node2", 9)), CairnMetadata.parse(otherPrefix));
        // virDomainGetMetadata strips the namespace it looked the element up by
        String stripped = "<vm epoch=\"9\" id=\"" + id + "\" name=\"db\" owner=\"node2\"/>";
        assertEquals(Optional.of(new CairnMetadata(id, "db", "node2", 9)), CairnMetadata.fromLibvirt(stripped));
        assertEquals(Optional.of(new CairnMetadata(id, "db", "node2", 9)), CairnMetadata.fromLibvirt(xml));
        assertEquals(Optional.empty(), CairnMetadata.fromLibvirt(
                "<o:vm xmlns:o=\"https://example.org/other\" id=\"" + id + "\" name=\"a\" owner=\"b\" epoch=\"1\"/>"));
    }

    @Test
    void foreignElementsAreNotCairns() {
        UUID id = UUID.randomUUID();
        assertEquals(Optional.empty(), CairnMetadata.parse("<vm id=\"" + id + "\" name=\"a\" owner=\"b\" epoch=\"1\"/>"));
        assertEquals(Optional.empty(), CairnMetadata.parse(
                "<o:vm xmlns:o=\"https://example.org/other\" id=\"" + id + "\" name=\"a\" owner=\"b\" epoch=\"1\"/>"));
        assertEquals(Optional.empty(), CairnMetadata.parse(""));
        assertEquals(Optional.empty(), CairnMetadata.parse(null));
    }

    @Test
    void malformedCairnElementsAreRefusedWithTheReason() {
        String ns = "xmlns:cairn=\"https://cairn.io/xmlns/vm/1\"";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CairnMetadata.parse(
                "<cairn:vm " + ns + " id=\"nope\" name=\"a\" owner=\"b\" epoch=\"1\"/>"));
        assertTrue(e.getMessage().contains("not a UUID"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CairnMetadata.parse(
                "<cairn:vm " + ns + " id=\"" + UUID.randomUUID() + "\" name=\"a\" epoch=\"1\"/>"));
        assertTrue(e.getMessage().contains("'owner'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CairnMetadata.parse("<cairn:vm " + ns));
    }

    @Test
    void doctypesAreRefused() {
        String xxe = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<cairn:vm xmlns:cairn=\"https://cairn.io/xmlns/vm/1\" id=\"" + UUID.randomUUID()
                + "\" name=\"&e;\" owner=\"b\" epoch=\"1\"/>";
        assertThrows(IllegalArgumentException.class, () -> CairnMetadata.parse(xxe));
    }

    @Test
    void unqualifiedFormForSetMetadata() {
        UUID id = UUID.randomUUID();
        String xml = new CairnMetadata(id, "a", "o&<", 3).toUnqualifiedXml();
        assertEquals("<vm epoch=\"3\" id=\"" + id + "\" name=\"a\" owner=\"o&amp;&lt;\"/>", xml);
    }
}
