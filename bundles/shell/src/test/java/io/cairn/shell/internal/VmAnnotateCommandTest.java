package io.cairn.shell.internal;

import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.VmAnnotation;
import io.cairn.api.compute.VmAnnotationService;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VmAnnotateCommandTest {
    /** One VM, web1, with its annotations in a map. */
    static final class Annotations implements VmAnnotationService {
        final Map<String, VmAnnotation> map = new TreeMap<>();
        long version;

        private void vm(String vm) {
            if (!vm.equals("web1")) {
                throw new NotFoundException("no VM named '" + vm + "'");
            }
        }

        @Override
        public List<VmAnnotation> annotations(String vm) {
            vm(vm);
            return List.copyOf(map.values());
        }

        @Override
        public Optional<VmAnnotation> annotation(String vm, String key) {
            vm(vm);
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public VmAnnotation annotate(String vm, String key, String value) {
            vm(vm);
            VmAnnotation a = new VmAnnotation(key, value, ++version);
            map.put(key, a);
            return a;
        }

        @Override
        public boolean removeAnnotation(String vm, String key) {
            vm(vm);
            return map.remove(key) != null;
        }
    }

    private final Annotations service = new Annotations();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private VmAnnotateCommand annotate(String name, String key, String value) {
        VmAnnotateCommand command = new VmAnnotateCommand();
        command.annotations = service;
        command.out = out;
        command.name = name;
        command.key = key;
        command.value = value;
        return command;
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void setsListsAndRemoves() {
        annotate("web1", "owner", "team-a").execute();
        assertEquals("web1 owner=team-a (version 1)", output().trim());
        bytes.reset();
        VmAnnotationsCommand list = new VmAnnotationsCommand();
        list.annotations = service;
        list.out = out;
        list.name = "web1";
        list.execute();
        assertTrue(output().matches("owner\\s+team-a\\s*"), output());

        bytes.reset();
        VmAnnotateCommand remove = annotate("web1", "owner", null);
        remove.remove = true;
        remove.execute();
        assertEquals("Removed owner from web1", output().trim());
        bytes.reset();
        remove.execute();
        assertEquals("VM 'web1' has no annotation 'owner'", output().trim());
        bytes.reset();
        list.execute();
        assertEquals("VM 'web1' has no annotations", output().trim());
    }

    @Test
    void refusals() {
        assertThrows(IllegalArgumentException.class, () -> annotate("web1", "owner", null).execute());
        assertThrows(IllegalArgumentException.class, () -> annotate("web1", "Bad Key", "v").execute());
        assertThrows(NotFoundException.class, () -> annotate("nosuch", "k", "v").execute());
        VmAnnotateCommand both = annotate("web1", "k", "v");
        both.remove = true;
        assertThrows(IllegalArgumentException.class, both::execute);
        VmAnnotateCommand missing = annotate("web1", "k", "v");
        missing.annotations = null;
        assertEquals("the VM annotation service is not available on this node yet",
                assertThrows(IllegalStateException.class, missing::execute).getMessage());
    }
}
