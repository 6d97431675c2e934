package io.cairn.shell.internal;

import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.Ownership;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmAdminService;
import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmListener;
import io.cairn.api.compute.VmService;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.compute.VmState;
import io.cairn.api.compute.VmStatus;
import io.cairn.api.task.Task;
import io.cairn.api.task.TaskService;
import io.cairn.api.task.TaskState;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vm: and task: commands against small in-test api services. */
class VmCommandsTest {
    private static final Instant T = Instant.parse("2025-01-02T03:04:05Z");

    /** Records what the commands ask for; enough of the contract to check the commands' wiring. */
    static final class Services implements VmService, VmAdminService, TaskService {
        final Map<String, VmDetails> vms = new TreeMap<>();
        final List<Task> tasks = new ArrayList<>();

        @Override
        public List<VmDetails> vms() {
            return List.copyOf(vms.values());
        }

        @Override
        public Optional<VmDetails> vm(String name) {
            return Optional.ofNullable(vms.get(name));
        }

        @Override
        public void addListener(VmListener listener) {
        }

        @Override
        public void removeListener(VmListener listener) {
        }

        @Override
        public VmDetails create(VmSpec spec) {
            UUID id = UUID.nameUUIDFromBytes(spec.name().getBytes(StandardCharsets.UTF_8));
            VmDetails vm = new VmDetails(new Vm(id, spec, PowerState.STOPPED, T),
                    new VmStatus(VmState.STOPPED, "node1", T, null), new Ownership(id, "node1", 3));
            vms.put(spec.name(), vm);
            return vm;
        }

        private Task task(String kind, String name) {
            if (!vms.containsKey(name)) {
                throw new NotFoundException("no VM named '" + name + "'");
            }
            Task task = new Task("t-" + (tasks.size() + 1), kind, name, "node1", TaskState.QUEUED, 0, "queued", null, T, T);
            tasks.add(0, task);
            return task;
        }

        @Override
        public Task start(String name) {
            return task("vm.start", name);
        }

        @Override
        public Task stop(String name) {
            return task("vm.stop", name);
        }

        @Override
        public Task reboot(String name) {
            return task("vm.reboot", name);
        }

        @Override
        public Task destroy(String name) {
            return task("vm.destroy", name);
        }

        @Override
        public Task delete(String name) {
            Task task = task("vm.delete", name);
            vms.remove(name);
            return task;
        }

        @Override
        public List<Task> tasks() {
            return List.copyOf(tasks);
        }

        @Override
        public Optional<Task> task(String id) {
            return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
        }
    }

    private final Services services = new Services();
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
        VmSpec spec = services.vms.get("web1").vm().spec();
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
        VmSpec spec = services.vms.get("a").vm().spec();
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
        assertEquals(List.of("a"), List.copyOf(services.vms.keySet()));
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
        assertTrue(output().contains("Owner        node1 (epoch 3)"), output());
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
        assertTrue(services.vms.isEmpty());

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
