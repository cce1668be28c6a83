package io.ferry.ops.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * Options every command shares to find ferryd: {@code --api}, {@code --token-file}, {@code --ca-file} and
 * {@code --config}.
 * A flag wins over the config, the config over the environment, the environment over the default.
 */
public final class ApiOptions
{
    /**
     * Where ferryd listens when nothing says otherwise.
     */
    public static final String DEFAULT_API = "http://127.0.0.1:8420";

    /**
     * Environment variable naming the API base URL.
     */
    public static final String API_VARIABLE = "FERRY_API";

    /**
     * Environment variable naming the token file.
     */
    public static final String TOKEN_FILE_VARIABLE = "FERRY_TOKEN_FILE";

    /**
     * Environment variable naming the PEM certificate to trust for an {@code https://} API.
     */
    public static final String CA_FILE_VARIABLE = "FERRY_CA_FILE";

    @Option(names = "--api", paramLabel = "URL",
        description = "ferryd API address (default: [api] listen of --config, $FERRY_API, else " + DEFAULT_API + ").")
    private String api;

    @Option(names = "--token-file", paramLabel = "FILE",
        description = "File holding the API bearer token (default: [api] token_file of --config, $FERRY_TOKEN_FILE).")
    private Path tokenFile;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "PEM certificate (or CA) to trust for an " +
        "https:// API instead of the JDK's trust store (default: [api] tls_cert of --config, $FERRY_CA_FILE).")
    private Path caFile;

    @Option(names = "--config", paramLabel = "FILE",
        description = "ferryd TOML config to take [api] listen, token_file and tls_cert from.")
    private Path config;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    /**
     * Resolve the API address and token, and make a client for them.
     *
     * @param environment the process environment.
     * @return a client of ferryd.
     * @throws CliException with {@link ExitCodes#USAGE} if the address, the config or the token file is wrong.
     */
    public ApiClient client(final CliEnvironment environment)
    {
        final ApiConfigFile fromConfig = config == null ? null : ApiConfigFile.read(config);
        final URI uri = apiUri(environment, fromConfig);
        final String token = readToken(tokenFile(environment, fromConfig));
        return "https".equals(uri.getScheme()) ?
            new ApiClient(uri, token, sslContext(environment, fromConfig)) : new ApiClient(uri, token);
    }

    private URI apiUri(final CliEnvironment environment, final ApiConfigFile fromConfig)
    {
        if (api != null)
        {
            return parseUrl(api, "--api");
        }
        if (fromConfig != null && fromConfig.apiUrl() != null)
        {
            return parseUrl(fromConfig.apiUrl(), "config " + fromConfig.file() + ": [api] listen");
        }
        final String fromEnvironment = environment.variable(API_VARIABLE);
        return fromEnvironment != null ? parseUrl(fromEnvironment, API_VARIABLE) : URI.create(DEFAULT_API);
    }

    private Path tokenFile(final CliEnvironment environment, final ApiConfigFile fromConfig)
    {
        if (tokenFile != null)
        {
            return tokenFile;
        }
        if (fromConfig != null && fromConfig.tokenFile() != null)
        {
            return fromConfig.tokenFile();
        }
        final String fromEnvironment = environment.variable(TOKEN_FILE_VARIABLE);
        if (fromEnvironment == null)
        {
            throw new CliException(ExitCodes.USAGE, "no API token file given; pass --token-file FILE, set " +
                TOKEN_FILE_VARIABLE + ", or pass --config with the ferryd config that has [api] token_file");
        }
        return Path.of(fromEnvironment);
    }

    private SSLContext sslContext(final CliEnvironment environment, final ApiConfigFile fromConfig)
    {
        if (caFile != null)
        {
            return PemTrust.sslContext(caFile, "--ca-file");
        }
        if (fromConfig != null && fromConfig.caFile() != null)
        {
            return PemTrust.sslContext(fromConfig.caFile(), "[api] tls_cert of config " + fromConfig.file());
        }
        final String fromEnvironment = environment.variable(CA_FILE_VARIABLE);
        return fromEnvironment != null ? PemTrust.sslContext(Path.of(fromEnvironment), CA_FILE_VARIABLE) : null;
    }

    private static URI parseUrl(final String url, final String source)
    {
        final String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        try
        {
            final URI uri = new URI(trimmed);
            final boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (http && uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty()))
            {
                return uri;
            }
        }
        catch (final URISyntaxException ignore)
        {
            // reported below together with the other malformed forms
        }
        throw new CliException(ExitCodes.USAGE, source + " \"" + url + "\" is not an API address; write it like " +
            DEFAULT_API);
    }

    private static String readToken(final Path file)
    {
        final String token;
        try
        {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        catch (final IOException ex)
        {
            throw new CliException(ExitCodes.USAGE, "cannot read token file " + file + " (" +
                ApiConfigFile.describe(ex) + "); point --token-file, " + TOKEN_FILE_VARIABLE +
                " or [api] token_file at the ferryd API token");
        }
        if (token.isEmpty())
        {
            throw new CliException(ExitCodes.USAGE, "token file " + file + " is empty; it must hold the ferryd " +
                "API token, the same as the daemon's [api] token_file");
        }
        return token;
    }
}
