package io.cairn.shell.internal;

import io.cairn.api.compute.VmAnnotation;
import io.cairn.api.compute.VmAnnotationService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

@Service
@Command(scope = "vm", name = "annotate", description = "Sets (or with --remove removes) an annotation of a VM")
public class VmAnnotateCommand implements Action {
    // optional: a missing service must not keep the bundle's other commands away
    @Reference(optional = true)
    VmAnnotationService annotations;

    @Argument(index = 0, name = "name", description = "VM name", required = true)
    @Completion(VmNameCompleter.class)
    String name;

    @Argument(index = 1, name = "key", description = "annotation key (a DNS label)", required = true)
    String key;

    @Argument(index = 2, name = "value", description = "annotation value (up to 1024 characters)")
    String value;

    @Option(name = "--remove", aliases = "-r", description = "remove the annotation instead of setting it")
    boolean remove;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        VmAnnotationService service = Format.require(annotations, "VM annotation service");
        if (remove) {
            if (value != null) {
                throw new IllegalArgumentException("--remove takes no value");
            }
            out.println(service.removeAnnotation(name, key) ? "Removed " + key + " from " + name
                    : "VM '" + name + "' has no annotation '" + key + "'");
            return null;
        }
        if (value == null) {
            throw new IllegalArgumentException("a value is required (or --remove)");
        }
        VmAnnotation set = service.annotate(name, key, value);
        out.printf("%s %s=%s (version %d)%n", name, set.key(), set.value(), set.version());
        return null;
    }
}
