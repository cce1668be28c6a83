package io.ferry.ops.api;

import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TransferRequestValidationTest
{
    private final FakeReplicationService service = new FakeReplicationService();
    private final ApiTestChannel api = new ApiTestChannel(service);

    @AfterEach
    void close()
    {
        api.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"source\":|request body is not valid JSON: Unexpected end-of-input",
        "|request body is empty; send a JSON object with source, dataset and targets",
        "[1,2]|request body must be a JSON object with source, dataset and targets",
        "{\"a\":1} {\"b\":2}|request body is not valid JSON: Trailing token",
        "{\"dataset\":\"d\",\"targets\":[\"west\"]}|field \"source\" is missing; it is the absolute path",
        "{\"source\":\"/x\",\"targets\":[\"west\"]}|field \"dataset\" is missing; it is the name",
        "{\"source\":\"/x\",\"dataset\":\"d\"}|field \"targets\" is missing; list the hub ids",
        "{\"source\":\"/x\",\"dataset\":\"d\",\"targets\":null}|field \"targets\" is missing",
        "{\"source\":42,\"dataset\":\"d\",\"targets\":[\"west\"]}|field \"source\" must be a string, not number 42",
        "{\"source\":\"\",\"dataset\":\"d\",\"targets\":[\"west\"]}|field \"source\" is empty",
        "{\"source\":\"/x\",\"dataset\":[\"d\"],\"targets\":[\"west\"]}|field \"dataset\" must be a string, not array",
        "{\"source\":\"/x\",\"dataset\":\"d\",\"targets\":\"west\"}|field \"targets\" must be an array of hub ids",
        "{\"source\":\"/x\",\"dataset\":\"d\",\"targets\":[]}|field \"targets\" is empty; list at least one hub id",
        "{\"source\":\"/x\",\"dataset\":\"d\",\"targets\":[\"west\",7]}|field \"targets\" item 1 must be a hub id",
        "{\"source\":\"/x\",\"dataset\":\"d\",\"targets\":[\"west\"],\"version\":3}|field \"version\" must be a string",
        "{\"source\":\"/x\",\"dataset\":\"d\",\"targets\":[\"west\"],\"kind\":\"model\"}|" +
            "field \"kind\" is \"model\"; use dataset or checkpoint",
        "{\"source\":\"/x\",\"dataset\":\"d\",\"targets\":[\"west\"],\"kind\":1}|field \"kind\" must be a string",
        "{\"source\":\"/x\",\"dataset\":\"d\",\"targets\":[\"west\"],\"priority\":\"urgent\"}|" +
            "field \"priority\" is \"urgent\"; use high, normal or bulk",
        "{\"source\":\"/x\",\"dataset\":\"d\",\"targets\":[\"west\"],\"prio\":\"high\"}|" +
            "unknown field \"prio\"; the fields are source, dataset, version, targets, kind, priority",
        "{\"source\":\"/x\",\"source\":\"/y\",\"dataset\":\"d\",\"targets\":[\"west\"]}|" +
            "request body is not valid JSON: Duplicate field 'source'" })
    void badBodyIsBadRequestNamingTheField(final String body, final String messageStart)
    {
        final ApiTestChannel.Reply reply = api.send(HttpMethod.POST, "/v1/transfers", "Bearer " + ApiTestChannel.TOKEN,
            body == null ? "" : body);

        assertEquals(400, reply.status(), reply.body());
        assertEquals("BAD_REQUEST", reply.json().get("error").asText());
        final String message = reply.json().get("message").asText();
        assertEquals(messageStart, message.substring(0, Math.min(message.length(), messageStart.length())), message);
        assertNull(service.lastRequest());
    }
}
