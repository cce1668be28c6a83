package io.ferry.ops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.ops.api.ApiJson;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * The {@code --json} option of commands that print data: print the API's JSON reply instead of text.
 */
public final class JsonOption
{
    @Option(names = "--json", description = "Print the API's JSON reply instead of text.")
    private boolean enabled;

    /**
     * Whether {@code --json} was given.
     *
     * @return true to print JSON.
     */
    public boolean enabled()
    {
        return enabled;
    }

    /**
     * Print a JSON document, indented.
     *
     * @param out  where to print.
     * @param json the document.
     */
    public static void print(final PrintWriter out, final JsonNode json)
    {
        try
        {
            out.println(ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
            out.flush();
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot print a JSON tree: " + ex.getOriginalMessage(), ex);
        }
    }
}
