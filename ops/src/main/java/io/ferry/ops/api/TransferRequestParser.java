package io.ferry.ops.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.RequestException;
import io.ferry.replication.api.TransferPriority;
import io.ferry.replication.api.TransferRequest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the body of {@code POST /v1/transfers} into a {@link TransferRequest}, naming the field at fault.
 */
public final class TransferRequestParser
{
    private static final Set<String> FIELDS = Set.of("source", "dataset", "version", "targets", "kind", "priority");
    private static final int MAX_SHOWN_VALUE_LENGTH = 60;
    private static final String FIELD_LIST = "source, dataset, version, targets, kind, priority";

    private static final ObjectReader READER = ApiJson.mapper().reader()
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private TransferRequestParser()
    {
    }

    /**
     * Parse and check a request body.
     *
     * @param body the JSON body.
     * @return the request.
     * @throws RequestException BAD_REQUEST naming the field that is missing, of the wrong type or out of range.
     */
    public static TransferRequest parse(final InputStream body) throws RequestException
    {
        final JsonNode root = readTree(body);
        if (!root.isObject())
        {
            throw badRequest("request body must be a JSON object with source, dataset and targets");
        }
        final Iterator<String> names = root.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!FIELDS.contains(name))
            {
                throw badRequest("unknown field \"" + name + "\"; the fields are " + FIELD_LIST);
            }
        }

        final String source = requiredText(root, "source", "absolute path of the version directory on this hub");
        final String dataset = requiredText(root, "dataset", "name of a configured dataset");
        final String version = optionalText(root, "version");
        final List<String> targets = targets(root);
        final String kind = optionalText(root, "kind");
        final String priority = optionalText(root, "priority");

        return new TransferRequest(source, dataset, version, targets, kind(kind), priority(priority));
    }

    private static JsonNode readTree(final InputStream body) throws RequestException
    {
        try
        {
            final JsonNode root = READER.readTree(body);
            if (root == null || root.isMissingNode())
            {
                throw badRequest("request body is empty; send a JSON object with source, dataset and targets");
            }
            return root;
        }
        catch (final JsonProcessingException ex)
        {
            throw badRequest("request body is not valid JSON: " + ex.getOriginalMessage() + " at line " +
                ex.getLocation().getLineNr() + " column " + ex.getLocation().getColumnNr());
        }
        catch (final IOException ex)
        {
            throw badRequest("cannot read the request body: " + ex.getMessage());
        }
    }

    private static String requiredText(final JsonNode root, final String field, final String meaning)
        throws RequestException
    {
        final JsonNode node = root.get(field);
        if (node == null || node.isNull())
        {
            throw badRequest("field \"" + field + "\" is missing; it is the " + meaning);
        }
        if (!node.isTextual())
        {
            throw badRequest("field \"" + field + "\" must be a string, not " + typeOf(node));
        }
        if (node.textValue().isBlank())
        {
            throw badRequest("field \"" + field + "\" is empty; it is the " + meaning);
        }
        return node.textValue();
    }

    private static String optionalText(final JsonNode root, final String field) throws RequestException
    {
        final JsonNode node = root.get(field);
        if (node == null || node.isNull())
        {
            return null;
        }
        if (!node.isTextual())
        {
            throw badRequest("field \"" + field + "\" must be a string, not " + typeOf(node));
        }
        return node.textValue();
    }

    private static List<String> targets(final JsonNode root) throws RequestException
    {
        final JsonNode node = root.get("targets");
        if (node == null || node.isNull())
        {
            throw badRequest("field \"targets\" is missing; list the hub ids to replicate to, e.g. [\"west\"]");
        }
        if (!node.isArray())
        {
            throw badRequest("field \"targets\" must be an array of hub ids, not " + typeOf(node));
        }
        if (node.isEmpty())
        {
            throw badRequest("field \"targets\" is empty; list at least one hub id");
        }
        final List<String> targets = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++)
        {
            final JsonNode target = node.get(i);
            if (!target.isTextual() || target.textValue().isBlank())
            {
                throw badRequest("field \"targets\" item " + i + " must be a hub id string, not " + typeOf(target));
            }
            targets.add(target.textValue());
        }
        return List.copyOf(targets);
    }

    private static DataKind kind(final String kind) throws RequestException
    {
        if (kind == null)
        {
            return null;
        }
        for (final DataKind value : DataKind.values())
        {
            if (value.externalName().equals(kind.toLowerCase(Locale.ROOT)))
            {
                return value;
            }
        }
        throw badRequest("field \"kind\" is \"" + kind + "\"; use dataset or checkpoint");
    }

    private static TransferPriority priority(final String priority) throws RequestException
    {
        if (priority == null)
        {
            return null;
        }
        for (final TransferPriority value : TransferPriority.values())
        {
            if (value.externalName().equals(priority.toLowerCase(Locale.ROOT)))
            {
                return value;
            }
        }
        throw badRequest("field \"priority\" is \"" + priority + "\"; use high, normal or bulk");
    }

    private static String typeOf(final JsonNode node)
    {
        final String text = node.toString();
        final String shown = text.length() <= MAX_SHOWN_VALUE_LENGTH ? text :
            text.substring(0, MAX_SHOWN_VALUE_LENGTH) + "...";
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + shown;
    }

    private static RequestException badRequest(final String message)
    {
        return new RequestException(RequestException.Code.BAD_REQUEST, message);
    }
}
