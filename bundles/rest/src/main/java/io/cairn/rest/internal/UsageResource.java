package io.cairn.rest.internal;

import io.cairn.api.metering.Statement;
import io.cairn.api.metering.UsageRecord;
import io.cairn.api.metering.UsageService;
import io.cairn.web.Services;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import java.util.List;
import java.util.function.Supplier;

/**
 * /usage: the monthly statement (JSON, or CSV with {@code Accept: text/csv}), and the records behind it. A
 * malformed month answers 400, an unknown tenant 404.
 */
@Path("/usage")
public class UsageResource {
    public static final String CSV = "text/csv";
    private final Supplier<UsageService> usage;

    public UsageResource(Supplier<UsageService> usage) {
        this.usage = usage;
    }

    private UsageService service() {
        return Services.require(usage, "the usage service");
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Statement statement(@QueryParam("month") String month, @QueryParam("tenant") String tenant) {
        return service().statement(month(month), blankToNull(tenant));
    }

    @GET
    @Path("/records")
    @Produces(MediaType.APPLICATION_JSON)
    public List<UsageRecord> records(@QueryParam("month") String month, @QueryParam("vm") String vm) {
        return service().records(month(month), blankToNull(vm));
    }

    private static String month(String month) {
        try {
            Statement.parseMonth(month);
            return month;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage() + " (e.g. ?month=2026-12)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
