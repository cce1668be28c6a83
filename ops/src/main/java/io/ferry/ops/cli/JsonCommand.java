package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A command that makes one API request and prints the reply: as JSON with {@code --json}, else rendered for people.
 */
abstract class JsonCommand implements Callable<Integer>
{
    @ParentCommand
    private FerryCli ferry;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApiOptions api;

    @Mixin
    private JsonOption json;

    /**
     * Make the request and print its reply.
     *
     * @return {@link ExitCodes#DONE}; failures surface as {@link CliException} with their exit code.
     */
    @Override
    public final Integer call()
    {
        final JsonNode reply = request(api.client(ferry.environment()));
        final PrintWriter out = spec.commandLine().getOut();
        if (json.enabled())
        {
            JsonOption.print(out, reply);
        }
        else
        {
            render(out, reply);
            out.flush();
        }
        return ExitCodes.DONE;
    }

    /**
     * The API request this command makes.
     *
     * @param client client of ferryd.
     * @return the JSON reply.
     */
    abstract JsonNode request(ApiClient client);

    /**
     * Print the reply for people.
     *
     * @param out   where to print.
     * @param reply the JSON reply.
     */
    abstract void render(PrintWriter out, JsonNode reply);
}
