package io.cairn.compute.kvm.internal;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The Cairn element in a libvirt domain's {@code <metadata>}: which VM the domain is, and which
 * owner node (at which epoch) started it. A domain without this element is not Cairn's and is
 * never listed or touched.
 *
 * <pre>{@code <cairn:vm xmlns:cairn="https://cairn.io/xmlns/vm/1" id="UUID" name="web" owner="node1" epoch="7"/>}</pre>
 */
public record CairnMetadata(UUID id, String name, String owner, long epoch) {
    /** Namespace URI of the element; libvirt keys element metadata by it. */
    public static final String NAMESPACE = "https://cairn.io/xmlns/vm/1";
    /** Preferred prefix of the element. */
    public static final String PREFIX = "cairn";
    /** Local name of the element. */
    public static final String ELEMENT = "vm";

    public CairnMetadata {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(owner, "owner must not be null");
    }

    /** Appends the namespaced element to {@code parent} (the domain's {@code <metadata>}). */
    public Element appendTo(Element parent) {
        Document doc = parent.getOwnerDocument();
        Element vm = doc.createElementNS(NAMESPACE, PREFIX + ":" + ELEMENT);
        vm.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + PREFIX, NAMESPACE);
        fill(vm);
        parent.appendChild(vm);
        return vm;
    }

    /**
     * The element without a namespace, as {@code virDomainSetMetadata} wants it (libvirt puts it in
     * the namespace given as the call's uri/key).
     */
    public String toUnqualifiedXml() {
        Document doc = Xml.newDocument();
        Element vm = doc.createElement(ELEMENT);
        fill(vm);
        doc.appendChild(vm);
        return Xml.toString(doc, false);
    }

    private void fill(Element vm) {
        vm.setAttribute("id", id.toString());
        vm.setAttribute("name", name);
        vm.setAttribute("owner", owner);
        vm.setAttribute("epoch", Long.toString(epoch));
    }

    /**
     * Parses the element as {@code virDomainGetMetadata} returns it: libvirt looks the element up by
     * {@link #NAMESPACE} and hands it back without its namespace, so an unqualified {@code <vm>} is
     * accepted here (a qualified one must be in Cairn's namespace).
     */
    public static Optional<CairnMetadata> fromLibvirt(String xml) {
        return parse(xml, true);
    }

    /**
     * Parses a Cairn element in its namespace.
     *
     * @return empty if the XML is not a Cairn element (wrong namespace or name)
     * @throws IllegalArgumentException if it is a Cairn element with missing or malformed attributes
     */
    public static Optional<CairnMetadata> parse(String xml) {
        return parse(xml, false);
    }

    private static Optional<CairnMetadata> parse(String xml, boolean namespaceImplied) {
        if (xml == null || xml.isBlank()) {
            return Optional.empty();
        }
        Document doc;
        try {
            DocumentBuilder builder = Xml.newBuilder();
            doc = builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("Cairn metadata is not well-formed XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        String ns = root.getNamespaceURI();
        boolean inNamespace = NAMESPACE.equals(ns) || (namespaceImplied && ns == null);
        if (!inNamespace || !ELEMENT.equals(root.getLocalName())) {
            return Optional.empty();
        }
        String id = required(root, "id");
        String epoch = required(root, "epoch");
        UUID uuid;
        long epochValue;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cairn metadata id is not a UUID: '" + id + "'");
        }
        try {
            epochValue = Long.parseLong(epoch);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Cairn metadata epoch is not a number: '" + epoch + "'");
        }
        return Optional.of(new CairnMetadata(uuid, required(root, "name"), required(root, "owner"), epochValue));
    }

    private static String required(Element e, String attribute) {
        if (!e.hasAttribute(attribute)) {
            throw new IllegalArgumentException("Cairn metadata lacks the attribute '" + attribute + "'");
        }
        return e.getAttribute(attribute);
    }
}
