package io.cairn.shell.internal;

import io.cairn.api.storage.MemberStatus;
import io.cairn.api.storage.PoolDetails;
import io.cairn.api.storage.PoolStatus;
import io.cairn.api.storage.ScrubStatus;
import io.cairn.api.storage.StorageService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.stream.Collectors;

@Service
@Command(scope = "pool", name = "list", description = "Lists the pools with owner, epoch, health and members")
public class PoolListCommand implements Action {
    @Reference(optional = true)
    StorageService storage;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Layout");
        table.column("Owner");
        table.column("Epoch").alignRight();
        table.column("Health");
        table.column("Members");
        table.column("Scrub");
        table.column("Error");
        for (PoolDetails p : Format.require(storage, "storage service").pools()) {
            PoolStatus s = p.status();
            table.addRow().addContent(p.pool().name(), "raidz" + p.pool().spec().redundancy(), p.owner().node(),
                    p.owner().epoch(), s == null ? "-" : s.health().name(),
                    s == null ? "-" : s.members().stream().map(PoolListCommand::member).collect(Collectors.joining(" ")),
                    s == null ? "-" : scrub(s.scrub()), s == null ? "" : s.error());
        }
        table.print(System.out);
        return null;
    }

    /** ZFS's scan line, e.g. "scrub completed after 0h0m with 0 errors on …", and the bytes it repaired. */
    private static String scrub(ScrubStatus scan) {
        return scan.summary() + (scan.repairedBytes() > 0 ? " (repaired " + scan.repairedBytes() + " bytes)" : "");
    }

    private static String member(MemberStatus m) {
        return (m.node() == null ? m.device() : m.node()) + ":" + m.state()
                + (m.readErrors() + m.writeErrors() + m.checksumErrors() > 0
                ? "(" + m.readErrors() + "/" + m.writeErrors() + "/" + m.checksumErrors() + ")" : "");
    }
}
