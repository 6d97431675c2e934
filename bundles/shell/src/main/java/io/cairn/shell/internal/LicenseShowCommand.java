package io.cairn.shell.internal;

import io.cairn.api.metering.License;
import io.cairn.api.metering.LicenseService;
import io.cairn.api.metering.LicenseStatus;
import io.cairn.api.metering.LicenseWarning;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "license", name = "show", description = "Shows the cluster id, the licence, the allocation and "
        + "recent licence warnings")
public class LicenseShowCommand implements Action {
    @Reference(optional = true)
    private LicenseService licenses;

    @Override
    public Object execute() {
        LicenseStatus s = Format.require(licenses, "licence").status();
        System.out.println("Cluster id:  " + s.clusterId());
        License l = s.license();
        if (l == null) {
            System.out.println("Licence:     none installed (nothing is limited)");
        } else {
            System.out.printf("Licence:     %s (%s) for %s, %s to %s, %s%n", l.id(), Format.lower(l.kind()),
                    l.customer(), l.notBefore(), l.notAfter(), s.valid() ? "valid" : "NOT VALID");
            System.out.printf("Contract:    %d vCPUs, %d MiB, %d GiB of storage (0: not limited)%n",
                    l.capacity().vcpus(), l.capacity().memoryMiB(), l.capacity().storageGiB());
        }
        System.out.printf("Allocation:  %d vCPUs, %d MiB of running VMs; %d GiB of disks of all VMs%n",
                s.allocation().vcpus(), s.allocation().memoryMiB(), s.allocation().storageGiB());
        for (LicenseWarning w : s.warnings()) {
            System.out.println("Warning:     " + w.at() + " " + w.message());
        }
        return null;
    }
}
