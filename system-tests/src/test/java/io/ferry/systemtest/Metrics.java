package io.ferry.systemtest;

import io.ferry.ops.demo.DemoHubConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads a hub's {@code GET /metrics} (Prometheus text) and sums the samples of one metric over its labels.
 */
final class Metrics
{
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Metrics()
    {
    }

    /**
     * Sum of every sample of a metric, whatever its labels.
     *
     * @param hub  the hub whose API is scraped.
     * @param name metric name, e.g. {@code ferry_repair_frames_requested_total}.
     * @return the sum, 0 when the metric is absent.
     */
    static long sum(final DemoHubConfig hub, final String name)
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/metrics"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + hub.token())
            .GET()
            .build();
        final HttpResponse<String> response;
        try
        {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new AssertionError("GET /metrics of " + hub.hubId() + " failed", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted reading /metrics of " + hub.hubId());
        }
        if (response.statusCode() != 200)
        {
            throw new AssertionError("GET /metrics of " + hub.hubId() + ": HTTP " + response.statusCode());
        }
        return sum(response.body(), name);
    }

    private static long sum(final String exposition, final String name)
    {
        long sum = 0;
        for (final String line : exposition.split("\n"))
        {
            if (line.startsWith(name) && line.length() > name.length() &&
                (line.charAt(name.length()) == ' ' || line.charAt(name.length()) == '{'))
            {
                final String value = line.substring(line.lastIndexOf(' ') + 1);
                sum += (long)Double.parseDouble(value);
            }
        }
        return sum;
    }
}
