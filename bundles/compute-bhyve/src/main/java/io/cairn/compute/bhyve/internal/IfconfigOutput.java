package io.cairn.compute.bhyve.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses what FreeBSD's ifconfig(8) prints about taps and bridges. */
public final class IfconfigOutput {
    private static final Pattern INTERFACE = Pattern.compile("[a-z][a-z0-9]*[0-9]+");
    private static final Pattern MEMBER = Pattern.compile("^\\s+member: (\\S+) flags=", Pattern.MULTILINE);
    private static final Pattern OPENED_BY = Pattern.compile("^\\s+Opened by PID (\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern HEADER = Pattern.compile("^([a-z][a-z0-9]*[0-9]+): flags=", Pattern.MULTILINE);

    private IfconfigOutput() {
    }

    /**
     * {@code ifconfig tap create} prints the name of the interface it made (ifconfig(8): "the new device name
     * is printed to standard output").
     */
    public static String createdInterface(String stdout) {
        String name = stdout == null ? "" : stdout.strip();
        if (!INTERFACE.matcher(name).matches()) {
            throw new IllegalStateException("ifconfig tap create printed '" + name + "' instead of the new tap's name");
        }
        return name;
    }

    /** The members of a bridge in {@code ifconfig <bridge>} output, in the order shown. */
    public static List<String> bridgeMembers(String ifconfigOutput) {
        List<String> members = new ArrayList<>();
        Matcher m = MEMBER.matcher(ifconfigOutput == null ? "" : ifconfigOutput);
        while (m.find()) {
            members.add(m.group(1));
        }
        return List.copyOf(members);
    }

    /** The pid that holds a tap open ({@code Opened by PID N} of {@code ifconfig <tap>}), if any. */
    public static OptionalLong openedBy(String ifconfigOutput, String tap) {
        String section = section(ifconfigOutput, tap);
        Matcher m = OPENED_BY.matcher(section);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** The lines of one interface in output that may show several (e.g. {@code ifconfig -a}). */
    static String section(String ifconfigOutput, String name) {
        String text = ifconfigOutput == null ? "" : ifconfigOutput;
        Matcher m = HEADER.matcher(text);
        int start = -1;
        while (m.find()) {
            if (start >= 0) {
                return text.substring(start, m.start());
            }
            if (m.group(1).equals(name)) {
                start = m.start();
            }
        }
        return start >= 0 ? text.substring(start) : "";
    }

    static boolean isInterfaceName(String name) {
        return name != null && INTERFACE.matcher(name).matches();
    }
}
