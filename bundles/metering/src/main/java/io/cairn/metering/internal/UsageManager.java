package io.cairn.metering.internal;

import io.cairn.api.common.DnsLabel;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.VmService;
import io.cairn.api.metering.Statement;
import io.cairn.api.metering.PriceService;
import io.cairn.api.metering.UsageRecord;
import io.cairn.api.metering.UsageService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;

/** Statements from the recorded usage and the price list; reads only. */
@Component(service = UsageService.class)
public class UsageManager implements UsageService {
    @Reference
    private UsageStore usage;
    @Reference
    private PriceService prices;
    @Reference
    private VmService vms;

    public UsageManager() {
    }

    UsageManager(UsageStore usage, PriceService prices, VmService vms) {
        this.usage = usage;
        this.prices = prices;
        this.vms = vms;
    }

    @Override
    public Statement statement(String month, String tenant) {
        YearMonth m = Statement.parseMonth(month);
        if (tenant != null) {
            DnsLabel.require(tenant, "tenant");
        }
        StatementBuilder builder = new StatementBuilder(m, tenant, prices.prices());
        usage.forEachOfMonth(m, builder::add);
        Statement statement = builder.build();
        if (tenant != null && statement.lines().isEmpty()
                && vms.vms().stream().noneMatch(vm -> vm.vm().spec().tenant().equals(tenant))) {
            throw new NotFoundException("no tenant named '" + tenant + "': no VM has it and no usage of " + month
                    + " names it");
        }
        return statement;
    }

    @Override
    public List<UsageRecord> records(String month, String vmName) {
        YearMonth m = Statement.parseMonth(month);
        if (vmName != null) {
            DnsLabel.require(vmName, "vm");
        }
        return usage.month(m).stream().filter(r -> vmName == null || r.vmName().equals(vmName))
                .sorted(Comparator.comparing(UsageRecord::intervalStart).thenComparing(r -> r.vmId().toString()))
                .toList();
    }
}
