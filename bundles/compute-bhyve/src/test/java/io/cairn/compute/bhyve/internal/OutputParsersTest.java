package io.cairn.compute.bhyve.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsers against output of the FreeBSD programs (src/test/resources/fixtures, origins in its README). */
class OutputParsersTest {
    static String fixture(String name) {
        try (InputStream in = OutputParsersTest.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void bridgeMembersFromIfconfigAOnABhyveHost() {
        String out = fixture("ifconfig-a-bridge0-tap0.txt");
        assertEquals(List.of("tap0"), IfconfigOutput.bridgeMembers(IfconfigOutput.section(out, "bridge0")));
        assertEquals(OptionalLong.of(1660), IfconfigOutput.openedBy(out, "tap0"));
        assertEquals(OptionalLong.empty(), IfconfigOutput.openedBy(out, "bridge0"));
        assertEquals(OptionalLong.empty(), IfconfigOutput.openedBy(out, "em0"));
    }

    @Test
    void bridgeMembersAndTapHolderWithTabIndentation() {
        String out = fixture("ifconfig-igb0-tap0-bridge0.txt");
        assertEquals(List.of("tap0", "igb0"), IfconfigOutput.bridgeMembers(IfconfigOutput.section(out, "bridge0")));
        assertEquals(OptionalLong.of(83388), IfconfigOutput.openedBy(out, "tap0"));
        assertEquals(List.of(), IfconfigOutput.bridgeMembers(IfconfigOutput.section(out, "tap0")));
        assertEquals("", IfconfigOutput.section(out, "tap1"));
    }

    @Test
    void theNameIfconfigTapCreatePrints() {
        assertEquals("tap12", IfconfigOutput.createdInterface("tap12\n"));
        assertThrows(IllegalStateException.class, () -> IfconfigOutput.createdInterface(""));
        assertThrows(IllegalStateException.class,
                () -> IfconfigOutput.createdInterface("ifconfig: SIOCIFCREATE2: Operation not permitted"));
    }

    @Test
    void rctlRuleListing() {
        List<RctlOutput.Rule> rules = RctlOutput.rules(fixture("rctl-rules-process.txt"));
        assertEquals(5, rules.size());
        assertEquals(new RctlOutput.Rule("process", "81234", "pcpu", "deny", 200, null), rules.get(0));
        assertEquals(new RctlOutput.Rule("process", "81234", "readbps", "throttle", 10485760, null), rules.get(1));
        assertEquals(new RctlOutput.Rule("loginclass", "users", "vmemoryuse", "deny", 104857600, "process"), rules.get(4));
        assertEquals("user:joe:vmemoryuse:deny=1073741824", rules.get(3).text());
        assertTrue(rules.get(0).sameAs(RctlOutput.rule("process:81234:pcpu:deny=200/process")),
                "a per equal to the subject is the default");
        assertFalse(rules.get(0).sameAs(RctlOutput.rule("process:81234:pcpu:deny=100")));
        assertThrows(IllegalStateException.class, () -> RctlOutput.rules(fixture("rctl-disabled.txt")));
    }

    @Test
    void bhyvectlSaysAVmDoesNotExist() {
        String out = fixture("bhyvectl-destroy-not-created.txt");
        assertTrue(BhyvectlOutput.notCreated(out, "cairn-web1"));
        assertFalse(BhyvectlOutput.notCreated(out, "cairn-web"));
        assertFalse(BhyvectlOutput.notCreated("", "cairn-web1"));
    }
}
