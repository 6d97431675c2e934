package io.cairn.metering.internal;

import io.cairn.api.metering.MeteringSink;
import io.cairn.api.metering.UsageRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sink that POSTs each batch as JSON ({@code {"records":[{"id":…, …}]}}) to a partner's endpoint; any answer
 * but 2xx, or no answer, is a failure and the batch comes again. Active only when
 * {@code etc/io.cairn.metering.sink.http.cfg} exists.
 */
@Component(service = MeteringSink.class, configurationPid = HttpJsonSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = MeteringSink.NAME_PROPERTY + "=http")
@Designate(ocd = HttpJsonSink.Config.class)
public class HttpJsonSink implements MeteringSink {
    static final String PID = "io.cairn.metering.sink.http";

    @ObjectClassDefinition(name = "Cairn metering: HTTP JSON POST")
    public @interface Config {
        @AttributeDefinition(name = "url", description = "Endpoint that receives the POSTs (http or https)")
        String url();

        @AttributeDefinition(name = "timeout.seconds", description = "How long one POST may take")
        int timeout_seconds() default 10;
    }

    private URI url;
    private Duration timeout;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public HttpJsonSink() {
    }

    HttpJsonSink(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
    }

    @Activate
    void activate(Config config) {
        url = URI.create(config.url());
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("sink url must be http or https, was " + config.url());
        }
        timeout = Duration.ofSeconds(config.timeout_seconds());
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void deliver(List<UsageRecord> records) throws IOException, InterruptedException {
        List<Map<String, Object>> body = new ArrayList<>(records.size());
        for (UsageRecord r : records) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.putAll(Json.MAPPER.convertValue(r, Map.class));
            body.add(m);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("records", body)))).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + url + " answered " + response.statusCode());
        }
    }
}
