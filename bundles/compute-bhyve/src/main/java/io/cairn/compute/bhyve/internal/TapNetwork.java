package io.cairn.compute.bhyve.internal;

import io.cairn.api.host.CommandResult;
import io.cairn.api.host.HostCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.OptionalLong;

/**
 * The host side of a VM's NICs: one tap(4) per NIC, made with {@code ifconfig tap create}, described
 * with the VM it belongs to, added to the node's bridge ({@code ifconfig BRIDGE addm TAP}) and brought
 * up; checked by reading the bridge's members back. Taps outlive a guest reboot and are destroyed with the VM.
 */
public final class TapNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(TapNetwork.class);

    private final HostCommands host;
    private final BhyveSettings settings;

    public TapNetwork(HostCommands host, BhyveSettings settings) {
        this.host = host;
        this.settings = settings;
    }

    /** Makes a tap for a NIC of {@code vm} and puts it on the bridge; returns its name. */
    public String create(String vm, String mac) {
        String tap = IfconfigOutput.createdInterface(run("tap", "create").stdout());
        run(tap, "description", "cairn:" + vm + ":" + mac);
        attach(tap);
        return tap;
    }

    /** Puts an existing tap (kept from an earlier start) on the bridge again if it left it. */
    public void attach(String tap) {
        if (!members().contains(tap)) {
            run(settings.bridge(), "addm", tap);
        }
        run(tap, "up");
        if (!members().contains(tap)) {
            throw new IllegalStateException("tap " + tap + " is not a member of " + settings.bridge()
                    + " after ifconfig addm; see ifconfig " + settings.bridge());
        }
    }

    /** True when the interface exists on this host. */
    public boolean exists(String tap) {
        return host.exec(ifconfig(tap), settings.commandTimeout()).succeeded();
    }

    /** Which process holds the tap open, if any (bhyve does while its guest runs). */
    public OptionalLong holder(String tap) {
        CommandResult r = host.exec(ifconfig(tap), settings.commandTimeout());
        return r.succeeded() ? IfconfigOutput.openedBy(r.stdout(), tap) : OptionalLong.empty();
    }

    /**
     * Destroys a VM's tap, unless another process than {@code formerOwner} holds it open now (tap names are
     * reused once destroyed, so a stale record may name another VM's tap).
     */
    public void destroy(String tap, long formerOwner) {
        if (!exists(tap)) {
            return;
        }
        OptionalLong holder = holder(tap);
        if (holder.isPresent() && holder.getAsLong() != formerOwner) {
            LOG.warn("Not destroying {}: it is open by pid {} now, not by this VM's bhyve", tap, holder.getAsLong());
            return;
        }
        run(tap, "destroy");
    }

    /** The bridge's members as {@code ifconfig BRIDGE} shows them. */
    public List<String> members() {
        return IfconfigOutput.bridgeMembers(run(settings.bridge()).stdout());
    }

    private CommandResult run(String... args) {
        return host.run(ifconfig(args), settings.commandTimeout());
    }

    private List<String> ifconfig(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = settings.programs().ifconfig().toString();
        System.arraycopy(args, 0, argv, 1, args.length);
        return List.of(argv);
    }
}
