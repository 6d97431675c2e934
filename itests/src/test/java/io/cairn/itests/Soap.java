package io.cairn.itests;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SOAP 1.1 calls of the tests: an envelope with one operation posted to one node's endpoint (a path below
 * {@code /cairn}, e.g. {@link #VMS}), authenticated as the cluster admin. Inside the body the prefix {@code v}
 * is the operations' namespace.
 */
final class Soap {
    static final String NS = "http://cairn.io/soap/vms/1";
    static final String VMS = "/soap/vms";
    static final String NETWORKS = "/soap/networks";
    static final String STORAGE = "/soap/storage";

    private final LocalCluster cluster;
    private final String url;

    Soap(LocalCluster cluster, String node, String path) {
        this.cluster = cluster;
        String rest = cluster.restBase(node);
        this.url = rest.substring(0, rest.lastIndexOf("/v1")) + path;
    }

    /** The answer whatever its status: 200 with the operation's response, 500 with a fault. */
    Rest.Response call(String operation, String body) {
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:v=\"" + NS + "\"><soapenv:Body><v:" + operation + ">" + body
                + "</v:" + operation + "></soapenv:Body></soapenv:Envelope>";
        return Rest.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)), "admin", cluster.password());
    }

    /** The body of a successful answer; fails the test on any other. */
    String ok(String operation, String body) {
        Rest.Response r = call(operation, body);
        assertEquals(200, r.status(), operation + " answered " + r.body());
        return r.body();
    }

    /** The fault of a refused call as "code: message"; fails the test if the call was not refused with a fault. */
    String fault(String operation, String body) {
        Rest.Response r = call(operation, body);
        assertEquals(500, r.status(), operation + " was not refused: " + r.body());
        List<String> codes = texts(r.body(), "code");
        List<String> messages = texts(r.body(), "faultstring");
        assertEquals(1, codes.size(), "no cairnFault detail in " + r.body());
        return codes.get(0) + ": " + messages.get(0);
    }

    /** The text of every element named {@code localName} (any namespace), in document order. */
    static List<String> texts(String xml, String localName) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            NodeList nodes = doc.getElementsByTagNameNS("*", localName);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add(nodes.item(i).getTextContent());
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("not XML: " + xml, e);
        }
    }
}
