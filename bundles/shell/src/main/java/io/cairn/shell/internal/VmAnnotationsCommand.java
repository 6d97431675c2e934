package io.cairn.shell.internal;

import io.cairn.api.compute.VmAnnotation;
import io.cairn.api.compute.VmAnnotationService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;
import java.util.List;

@Service
@Command(scope = "vm", name = "annotations", description = "Lists the annotations of a VM")
public class VmAnnotationsCommand implements Action {
    @Reference(optional = true)
    VmAnnotationService annotations;

    @Argument(index = 0, name = "name", description = "VM name", required = true)
    @Completion(VmNameCompleter.class)
    String name;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        List<VmAnnotation> all = Format.require(annotations, "VM annotation service").annotations(name);
        if (all.isEmpty()) {
            out.println("VM '" + name + "' has no annotations");
        }
        for (VmAnnotation a : all) {
            out.printf("%-30s %s%n", a.key(), a.value());
        }
        return null;
    }
}
