package io.cairn.shell.internal;

import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.VmAdminService;
import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.storage.ImageService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

@Service
@Command(scope = "vm", name = "create", description = "Creates a VM (stopped) and places it on a node",
        detailedDescription = "Options come before the name. Example: vm:create --vcpus 2 --memory 512 --kernel vmlinuz "
                + "--initrd initrd.gz --cmdline console=ttyS0 --nic lan --nic dmz=02:00:00:12:34:56 --ha web1\n"
                + "With disks: vm:create --disk name=root,image=alpine --disk name=data,size=1024,pool=tank db1 "
                + "(a VM whose first disk is cloned from an image boots from it and takes no --kernel; a disk without "
                + "pool= goes to the home pool of the node the VM is placed on)")
public class VmCreateCommand implements Action {
    // optional: a missing service must not keep the bundle's other commands (node:*) away
    @Reference(optional = true)
    VmAdminService admin;

    @Argument(index = 0, name = "name", description = "VM name (DNS label, unique in the cluster)", required = true)
    String name;

    @Option(name = "--tenant", aliases = "-t", description = "Owning tenant (default: default)")
    String tenant;

    @Option(name = "--vcpus", aliases = "-c", description = "Virtual CPUs (default 1)")
    int vcpus = 1;

    @Option(name = "--memory", aliases = "-m", description = "Memory in MiB (default 256)")
    long memoryMiB = 256;

    @Option(name = "--kernel", aliases = "-k", description = "Kernel, relative to the node's image directory "
            + "(required unless the first disk is cloned from an image)")
    String kernel;

    @Option(name = "--initrd", aliases = "-i", description = "Initial ramdisk, relative to the image directory")
    String initrd;

    @Option(name = "--cmdline", description = "Kernel command line")
    String cmdline;

    @Option(name = "--nic", aliases = "-n", description = "A NIC: network or network=mac (repeatable)",
            multiValued = true)
    List<String> nics;

    @Option(name = "--disk", aliases = "-d", description = "A disk: name=N,size=MIB[,pool=P][,image=I] (repeatable; "
            + "size defaults to the image's)", multiValued = true)
    List<String> disks;

    @Option(name = "--node", description = "Pin the VM to this node")
    @Completion(NodeNameCompleter.class)
    String node;

    @Option(name = "--ha", description = "Restart the VM on a surviving node when its node fails")
    boolean ha;

    // optional: only a disk cloned from an image without size= needs it
    @Reference(optional = true)
    ImageService images;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        BootSpec boot = kernel == null && initrd == null && cmdline == null ? null : new BootSpec(kernel, initrd, cmdline);
        VmSpec spec = new VmSpec(name, tenant, vcpus, memoryMiB, parseNics(nics), boot, null, ha, node,
                DiskOption.parseAll(disks, images));
        VmDetails created = Format.require(admin, "VM admin service").create(spec);
        out.printf("Created VM %s (%s)%s%n", created.vm().name(), created.vm().id(),
                created.owner() == null ? "" : " on node " + created.owner().node());
        return null;
    }

    /** "lan" or "lan=02:00:00:12:34:56". */
    static List<NicSpec> parseNics(List<String> values) {
        List<NicSpec> nics = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                int eq = value.indexOf('=');
                nics.add(eq < 0 ? new NicSpec(value, null)
                        : new NicSpec(value.substring(0, eq), value.substring(eq + 1)));
            }
        }
        return nics;
    }
}
