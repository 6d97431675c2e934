package io.cairn.shell.internal;

import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSpec;
import io.cairn.testing.InMemoryImages;
import io.cairn.testing.InMemoryServices;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vm: and task: commands against the in-memory api services REST and SOAP are tested with. */
class VmCommandsTest {
    private final InMemoryServices services = new InMemoryServices();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private VmCreateCommand create(String name) {
        VmCreateCommand command = new VmCreateCommand();
        command.admin = services;
        command.out = out;
        command.name = name;
        command.kernel = "vmlinuz";
        return command;
    }

    @Test
    void createBuildsTheSpecFromTheOptions() {
        VmCreateCommand command = create("web1");
        command.tenant = "acme";
        command.vcpus = 2;
        command.memoryMiB = 512;
        command.initrd = "initrd.gz";
        command.cmdline = "console=ttyS0";
        command.nics = List.of("lan", "dmz=02:00:00:12:34:56");
        command.node = "node1";
        command.ha = true;
        command.execute();
        VmSpec spec = services.vm("web1").orElseThrow().vm().spec();
        assertEquals("acme", spec.tenant());
        assertEquals(2, spec.vcpus());
        assertEquals(512, spec.memoryMiB());
        assertEquals("lan", spec.nics().get(0).network());
        assertEquals(new NicSpec("dmz", "02:00:00:12:34:56"), spec.nics().get(1));
        assertEquals("initrd.gz", spec.boot().initrd());
        assertEquals("console=ttyS0", spec.boot().cmdline());
        assertEquals("node1", spec.node());
        assertTrue(spec.ha());
        assertTrue(output().startsWith("Created VM web1 ("), output());
        assertTrue(output().contains("on node node1"), output());
    }

    @Test
    void createDefaultsAndRefusals() {
        create("a").execute();
        VmSpec spec = services.vm("a").orElseThrow().vm().spec();
        assertEquals("default", spec.tenant());
        assertEquals(1, spec.vcpus());
        assertEquals(256, spec.memoryMiB());
        assertTrue(spec.nics().isEmpty());

        VmCreateCommand bad = create("Bad Name");
        assertTrue(assertThrows(IllegalArgumentException.class, bad::execute).getMessage().startsWith("name must be"));
        VmCreateCommand zero = create("b");
        zero.vcpus = 0;
        assertThrows(IllegalArgumentException.class, zero::execute);
        VmCreateCommand path = create("c");
        path.kernel = "../etc/passwd";
        assertTrue(assertThrows(IllegalArgumentException.class, path::execute).getMessage().contains("boot.kernel"));
        VmCreateCommand mac = create("d");
        mac.nics = List.of("lan=01:00:5e:00:00:01");
        assertTrue(assertThrows(IllegalArgumentException.class, mac::execute).getMessage().contains("multicast"));
        assertEquals(List.of("a"), services.vms().stream().map(vm -> vm.vm().name()).toList());
    }

    @Test
    void createTakesDisksSizedOrClonedFromAnImageWhichBootsWithoutAKernel() throws Exception {
        VmCreateCommand data = create("db1");
        data.disks = List.of("name=data,size=1024,pool=tank", "name=logs,size=64,pool=tank");
        data.execute();
        assertEquals(List.of(new VmDisk("data", "tank", 1024), new VmDisk("logs", "tank", 64)),
                services.vm("db1").orElseThrow().vm().spec().disks());

        InMemoryImages images = new InMemoryImages("node1").pool("tank", "node1");
        byte[] disk = new byte[3 << 20];
        disk[510] = 0x55;
        disk[511] = (byte) 0xAA;
        images.importImage("alpine", "tank", new java.io.ByteArrayInputStream(disk));
        VmCreateCommand fromImage = create("web2");
        fromImage.kernel = null;
        fromImage.images = images;
        fromImage.disks = List.of("name=root,image=alpine", "name=data,size=8");
        fromImage.execute();
        VmSpec spec = services.vm("web2").orElseThrow().vm().spec();
        assertEquals(List.of(new VmDisk("root", null, 3, "alpine"), new VmDisk("data", null, 8)), spec.disks());
        assertTrue(spec.bootsFromDisk());
    }

    @Test
    void badDiskOptionsAreRefusedNamingTheOptionAndNothingIsCreated() {
        for (String[] bad : new String[][]{
                {"name=data", "size= (MiB) is required"},
                {"size=10", "name= is required"},
                {"name=data,size=ten", "size must be a whole number"},
                {"name=data,size=0", "sizeMiB must be between 1"},
                {"name=data,size=10,colour=red", "expected name=N,size=MIB"},
                {"name=data,size=10,size=20", "size is given twice"},
                {"name=data,size=10,pool=a/b", "no space or '/'"},
                {"name=root,image=nope", "image service is not available"}}) {
            VmCreateCommand command = create("x");
            command.disks = List.of(bad[0]);
            RuntimeException e = assertThrows(RuntimeException.class, command::execute);
            assertTrue(e.getMessage().contains(bad[1]), bad[0] + ": " + e.getMessage());
        }
        VmCreateCommand noKernel = create("y");
        noKernel.kernel = null;
        noKernel.disks = List.of("name=data,size=8");
        assertTrue(assertThrows(IllegalArgumentException.class, noKernel::execute).getMessage()
                .contains("boot is required"));
        VmCreateCommand unknown = create("z");
        unknown.images = new InMemoryImages("node1");
        unknown.kernel = null;
        unknown.disks = List.of("name=root,image=nope");
        assertTrue(assertThrows(IllegalArgumentException.class, unknown::execute).getMessage()
                .contains("image 'nope' does not exist"));
        assertTrue(services.vms().isEmpty());
    }

    @Test
    void listShowAndActions() {
        create("web1").execute();
        bytes.reset();
        VmListCommand list = new VmListCommand();
        list.vms = services;
        list.out = out;
        list.execute();
        assertTrue(output().contains("web1") && output().contains("stopped") && output().contains("node1"), output());

        bytes.reset();
        VmShowCommand show = new VmShowCommand();
        show.vms = services;
        show.out = out;
        show.name = "web1";
        show.execute();
        assertTrue(output().contains("Owner        node1 (epoch 1)"), output());
        assertTrue(output().contains("Kernel       vmlinuz"), output());
        show.name = "ghost";
        assertEquals("no VM named 'ghost'", assertThrows(IllegalArgumentException.class, show::execute).getMessage());

        bytes.reset();
        VmStartCommand start = new VmStartCommand();
        start.admin = services;
        start.out = out;
        start.name = "web1";
        start.execute();
        assertEquals("Task t-1 (vm.start web1) queued" + System.lineSeparator(), output());
        VmStopCommand stop = new VmStopCommand();
        stop.admin = services;
        stop.out = out;
        stop.name = "ghost";
        assertEquals("no VM named 'ghost'", assertThrows(NotFoundException.class, stop::execute).getMessage());
        VmDeleteCommand delete = new VmDeleteCommand();
        delete.admin = services;
        delete.out = out;
        delete.name = "web1";
        delete.execute();
        assertTrue(services.vms().isEmpty());

        bytes.reset();
        TaskListCommand tasks = new TaskListCommand();
        tasks.tasks = services;
        tasks.out = out;
        tasks.execute();
        assertTrue(output().indexOf("vm.delete") < output().indexOf("vm.start"), output());
        tasks.limit = 0;
        assertThrows(IllegalArgumentException.class, tasks::execute);
    }

    @Test
    void missingServicesGiveOneClearLine() {
        VmListCommand list = new VmListCommand();
        list.out = out;
        assertEquals("the VM service is not available on this node yet",
                assertThrows(IllegalStateException.class, list::execute).getMessage());
        VmCreateCommand create = create("web1");
        create.admin = null;
        assertThrows(IllegalStateException.class, create::execute);
        assertEquals(-1, new VmNameCompleter().complete(null, null, new ArrayList<>()));
    }
}
