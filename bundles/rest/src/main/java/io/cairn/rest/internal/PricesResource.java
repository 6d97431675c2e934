package io.cairn.rest.internal;

import io.cairn.api.metering.Price;
import io.cairn.api.metering.PriceList;
import io.cairn.api.metering.PriceService;
import io.cairn.web.Services;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * /prices: the price list. A POST adds a price from its {@code effectiveFrom} on (not in the past: 422); a
 * negative or malformed price is 422 with the rule. {@code diskGiBHour} (points per GiB of disk allocated for an
 * hour) may be left out, as by clients older than it: 0.
 */
@Path("/prices")
@Produces(MediaType.APPLICATION_JSON)
public class PricesResource {
    private final Supplier<PriceService> prices;

    public PricesResource(Supplier<PriceService> prices) {
        this.prices = prices;
    }

    private PriceService service() {
        return Services.require(prices, "the price service");
    }

    @GET
    public PriceList list() {
        return service().prices();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(Price price) {
        if (price == null) {
            throw ApiException.badRequest("request body is missing: {\"effectiveFrom\": \"2027-01-01T00:00:00Z\", "
                    + "\"vcpuHour\": 1, \"memoryGiBHour\": 0.5, \"cpuHour\": 0, \"diskGiBHour\": 0.1} is required "
                    + "(diskGiBHour may be left out: 0)");
        }
        return Response.status(Response.Status.CREATED).entity(service().add(price)).build();
    }
}
