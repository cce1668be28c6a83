package io.ferry.ops.cli;

import io.ferry.transport.HubIdentity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ferry keygen --out FILE}: write a new Ed25519 identity key and print its public key.
 */
@Command(
    name = "keygen",
    description = "Write a new Ed25519 identity key (PKCS#8 PEM, mode 0600) and print its public key for the " +
        "peers' [[peer]] public_key.")
public final class KeygenCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Private key file to create.")
    private Path out;

    @Option(names = "--force", description = "Replace FILE if it exists (the old key is lost).")
    private boolean force;

    /**
     * Generate the key, write it and print the public key.
     *
     * @return {@link ExitCodes#DONE}.
     */
    @Override
    public Integer call()
    {
        final HubIdentity identity = HubIdentity.generate();
        try
        {
            identity.write(out, force);
        }
        catch (final FileAlreadyExistsException ex)
        {
            throw new CliException(ExitCodes.USAGE, out + " already exists; keep it, or pass --force to replace " +
                "it (peers that trust its public key will then reject this hub until they are updated)");
        }
        catch (final IOException ex)
        {
            throw new CliException(ExitCodes.FAILED, "cannot write " + out + " (" + ex.getMessage() + ")");
        }
        final PrintWriter writer = spec.commandLine().getOut();
        writer.println(identity.publicKeyBase64());
        writer.flush();
        return ExitCodes.DONE;
    }
}
