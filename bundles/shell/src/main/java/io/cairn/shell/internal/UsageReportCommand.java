package io.cairn.shell.internal;

import io.cairn.api.metering.Amounts;
import io.cairn.api.metering.Statement;
import io.cairn.api.metering.StatementLine;
import io.cairn.api.metering.TenantTotal;
import io.cairn.api.metering.UsageService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "usage", name = "report", description = "Prints the usage statement of a month, per VM and per "
        + "tenant (the same records always print the same)")
public class UsageReportCommand implements Action {
    @Reference(optional = true)
    private UsageService usage;

    @Option(name = "--month", description = "The month, YYYY-MM (UTC)", required = true)
    private String month;

    @Option(name = "--tenant", description = "Only this tenant")
    private String tenant;

    @Option(name = "--csv", description = "The statement as CSV, byte for byte what GET /cairn/v1/usage answers "
            + "with Accept: text/csv")
    private boolean csv;

    @Override
    public Object execute() {
        Statement s = Format.require(usage, "usage").statement(month, tenant);
        if (csv) {
            System.out.print(s.toCsv());
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Tenant");
        table.column("VM");
        table.column("Run intervals").alignRight();
        table.column("vCPU-h").alignRight();
        table.column("Mem GiB-h").alignRight();
        table.column("CPU-h").alignRight();
        table.column("Disk intervals").alignRight();
        table.column("Disk GiB-h").alignRight();
        table.column("Points").alignRight();
        for (StatementLine l : s.lines()) {
            table.addRow().addContent(l.tenant(), l.vmName(), l.intervals(), Amounts.format(l.vcpuHours()),
                    Amounts.format(l.memoryGiBHours()), Amounts.format(l.cpuHours()), l.diskIntervals(),
                    Amounts.format(l.diskGiBHours()), Amounts.format(l.points()));
        }
        for (TenantTotal t : s.tenants()) {
            table.addRow().addContent(t.tenant(), "(" + t.vms() + " VMs)", t.intervals(), "", "", "",
                    t.diskIntervals(), Amounts.format(t.diskGiBHours()), Amounts.format(t.points()));
        }
        table.print(System.out);
        System.out.println("Total " + s.month() + (s.tenant() == null ? "" : " for " + s.tenant()) + ": "
                + Amounts.format(s.points()) + " points");
        return null;
    }
}
