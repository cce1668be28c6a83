package io.ferry.systemtest;

import io.ferry.ops.config.ConfigLoader;
import io.ferry.ops.demo.DemoHubConfig;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The release tarball built by ops works once unpacked: its layout and modes, both launchers (through symlinks too),
 * the CLI exit codes, a ferryd that starts, answers {@code ferry status} and stops on SIGTERM, and an example config
 * that parses and has exactly the keys docs/operations.md documents.
 */
class TarballIT
{
    // Failsafe runs in the module directory, system-tests/.
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path OPS_TARGET = REPO.resolve("ops/target");
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    static Path work;

    private static Path outputDir;
    private static Path linkDir;
    private static Path home;

    @TempDir
    Path scratch;

    @BeforeAll
    static void unpack() throws Exception
    {
        final Path tarball = findTarball();
        outputDir = Files.createDirectory(work.resolve("output"));
        // Links live in the class's temp dir with their targets: JUnit warns about links leading out of a temp dir.
        linkDir = Files.createDirectory(work.resolve("links"));
        final Path unpackDir = Files.createDirectory(work.resolve("unpacked"));
        final Result tar = run(List.of("tar", "-xzf", tarball.toString(), "-C", unpackDir.toString()));
        assertEquals(0, tar.exitCode(), "tar -xzf " + tarball + ": " + tar.stderr());

        final String topDir = tarball.getFileName().toString().replace(".tar.gz", "");
        try (Stream<Path> entries = Files.list(unpackDir))
        {
            assertEquals(List.of(topDir), entries.map(p -> p.getFileName().toString()).collect(Collectors.toList()),
                "the tarball must hold one directory named like itself");
        }
        home = unpackDir.resolve(topDir);
    }

    @Test
    void holdsLaunchersLibrariesConfigAndUnitWithTheirModes() throws IOException
    {
        for (final String script : List.of("bin/ferry", "bin/ferryd"))
        {
            assertEquals("rwxr-xr-x", mode(home.resolve(script)), script);
            assertArrayEquals(Files.readAllBytes(REPO.resolve("ops/src/main/package").resolve(script)),
                Files.readAllBytes(home.resolve(script)), script + " must be packaged unfiltered");
        }
        for (final String file : List.of("etc/jvm.options", "etc/ferry.toml.example", "systemd/ferryd.service",
            "README.install.md"))
        {
            assertEquals("rw-r--r--", mode(home.resolve(file)), file);
        }

        final String jvmOptions = Files.readString(home.resolve("etc/jvm.options"));
        assertEquals(Files.readString(OPS_TARGET.resolve("dist/jvm.options")), jvmOptions);
        assertTrue(jvmOptions.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), jvmOptions);
        assertFalse(jvmOptions.contains("${"), "jvm.options was not filtered: " + jvmOptions);

        final Set<String> lib = fileNames(home.resolve("lib"));
        assertTrue(lib.contains("ferry-ops-" + version() + ".jar"), "lib/ lacks the ferry-ops jar: " + lib);
        assertTrue(lib.containsAll(fileNames(OPS_TARGET.resolve("lib"))),
            "lib/ " + lib + " lacks runtime dependencies of ops/target/lib " + fileNames(OPS_TARGET.resolve("lib")));

        final String unit = Files.readString(home.resolve("systemd/ferryd.service"));
        assertTrue(unit.contains("\nExecStart=/opt/ferry/bin/ferryd --config /etc/ferry/ferry.toml\n"), unit);
        assertTrue(unit.contains("\nUser=ferry\n"), unit);
    }

    @Test
    void versionRunsThroughASymlinkedLauncher() throws Exception
    {
        // An absolute link, as in ln -s /opt/ferry/bin/ferry /usr/local/bin/ferry.
        final Path link = Files.createSymbolicLink(linkDir.resolve("ferry"), home.resolve("bin/ferry"));

        final Result version = run(List.of(link.toString(), "--version"));

        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.stdout().contains("ferry"), version.toString());
    }

    @Test
    void ferrydWithAMissingConfigExitsTwoNamingTheFile() throws Exception
    {
        final Path missing = scratch.resolve("no-such-dir/ferry.toml");

        final Result daemon = run(List.of(home.resolve("bin/ferryd").toString(), "--config", missing.toString()));

        assertEquals(2, daemon.exitCode(), daemon.toString());
        assertTrue(daemon.stderr().contains(missing.toString()), daemon.toString());
    }

    @Test
    void statusWithoutADaemonExitsThree() throws Exception
    {
        final Path token = scratch.resolve("api.token");
        Files.writeString(token, "secret\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));

        final Result status = run(List.of(home.resolve("bin/ferry").toString(), "status",
            "--api", "http://127.0.0.1:1", "--token-file", token.toString()));

        assertEquals(3, status.exitCode(), status.toString());
    }

    @Test
    void ferrydRunsAsTheJvmItselfAnswersStatusAndStopsGracefullyOnSigterm() throws Exception
    {
        final DemoHubConfig east = DemoHubConfig.create(scratch, "east");
        east.write(DemoHubConfig.create(scratch, "west"), 1408);
        final Path log = scratch.resolve("ferryd.log");
        // A relative link to ferryd, a non-UTF-8 locale the launcher must replace, and options that must reach the JVM.
        final Path link =
            Files.createSymbolicLink(linkDir.resolve("ferryd"), linkDir.relativize(home.resolve("bin/ferryd")));
        final ProcessBuilder builder = new ProcessBuilder(link.toString(), "--config", east.configFile().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        final Map<String, String> environment = launcherEnvironment(builder.environment());
        environment.remove("LC_ALL");
        environment.remove("LC_CTYPE");
        environment.put("LANG", "C");
        environment.put("FERRY_JAVA_OPTS", "-Xmx256m -Dferry.it=1");
        final Process daemon = builder.start();
        try
        {
            final Path ferry = home.resolve("bin/ferry");
            Await.until(() -> !daemon.isAlive() || statusExitCode(ferry, east) == 0, TIMEOUT_SECONDS,
                () -> "ferry status answered by the ferryd from the tarball; log " + log);
            assertTrue(daemon.isAlive(), "ferryd exited with " + exitCode(daemon) + ": " + Files.readString(log));

            // Both launchers exec: the process started is the JVM, so SIGTERM to it reaches the JVM.
            final String commandLine = Files.readString(Path.of("/proc", daemon.pid() + "/cmdline")).replace('\0', ' ');
            assertTrue(commandLine.contains(" io.ferry.ops.cli.FerryCli daemon --config "), commandLine);
            assertTrue(commandLine.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), commandLine);
            assertTrue(commandLine.contains(" -Xmx256m -Dferry.it=1 "), commandLine);
            final String[] jvmEnvironment = Files.readString(Path.of("/proc", daemon.pid() + "/environ")).split("\0");
            final List<String> locale = Stream.of(jvmEnvironment)
                .filter(variable -> variable.startsWith("LC_") || variable.startsWith("LANG="))
                .collect(Collectors.toList());
            assertTrue(locale.contains("LC_ALL=C.UTF-8"), "LANG=C not made UTF-8 by the launcher: " + locale);

            daemon.destroy();
            assertTrue(daemon.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "ferryd did not stop on SIGTERM");
            final String output = Files.readString(log);
            // After a signal the JVM exits with 128 + SIGTERM once its shutdown hooks ran (the unit counts 143 as a
            // clean stop); 0 is accepted should ferryd one day end the JVM itself.
            final int exit = daemon.exitValue();
            assertTrue(exit == 143 || exit == 0, "exit code " + exit + " after SIGTERM: " + output);
            assertTrue(output.contains("hub east stopped"), "no graceful shutdown in the log: " + output);
        }
        finally
        {
            stop(daemon);
        }
    }

    @Test
    void exampleConfigParsesAndHasEveryKeyOfTheOperationsGuide() throws Exception
    {
        final Path example = home.resolve("etc/ferry.toml.example");
        final String text = Files.readString(example, StandardCharsets.UTF_8);

        ConfigLoader.parse(example, text);
        assertEquals(documentedKeys(Files.readString(REPO.resolve("docs/operations.md"), StandardCharsets.UTF_8)),
            exampleKeys(text), "tables and keys, active or commented out, of " + example + " vs docs/operations.md");
    }

    private static Map<String, Set<String>> documentedKeys(final String guide)
    {
        final Pattern table = Pattern.compile("^### `(\\[\\[?[a-z]+]]?)`.*");
        final Pattern key = Pattern.compile("^\\| `([a-z_]+)` \\|.*");
        final Map<String, Set<String>> keys = new TreeMap<>();
        String current = null;
        for (final String line : guide.split("\n"))
        {
            if (line.startsWith("#"))
            {
                final Matcher heading = table.matcher(line);
                current = heading.matches() ? heading.group(1) : null;
                continue;
            }
            final Matcher row = key.matcher(line);
            if (current != null && row.matches())
            {
                keys.computeIfAbsent(current, t -> new TreeSet<>()).add(row.group(1));
            }
        }
        assertFalse(keys.isEmpty(), "no configuration tables found in docs/operations.md");
        return keys;
    }

    private static Map<String, Set<String>> exampleKeys(final String example)
    {
        final Pattern table = Pattern.compile("^#? *(\\[\\[?[a-z]+]]?) *$");
        final Pattern key = Pattern.compile("^#? *([a-z_]+) *=.*");
        final Map<String, Set<String>> keys = new TreeMap<>();
        String current = null;
        for (final String line : example.split("\n"))
        {
            final Matcher header = table.matcher(line);
            final Matcher assignment = key.matcher(line);
            if (header.matches())
            {
                current = header.group(1);
            }
            else if (assignment.matches())
            {
                assertNotNull(current, "key before any table in the example: " + line);
                keys.computeIfAbsent(current, t -> new TreeSet<>()).add(assignment.group(1));
            }
        }
        return keys;
    }

    private static Path findTarball() throws IOException
    {
        final String hint = "build it first: cd " + REPO + " && mvn -B -q -DskipTests install";
        if (!Files.isDirectory(OPS_TARGET))
        {
            fail("no " + OPS_TARGET + "; " + hint);
        }
        try (Stream<Path> files = Files.list(OPS_TARGET))
        {
            // With several (an older version left behind), the newest is the one just built.
            return files
                .filter(p -> p.getFileName().toString().matches("ferry-.*\\.tar\\.gz"))
                .max(Comparator.comparing(TarballIT::modified))
                .orElseThrow(() -> new AssertionError("no ferry-*.tar.gz in " + OPS_TARGET + "; " + hint));
        }
    }

    private static String version()
    {
        return home.getFileName().toString().substring("ferry-".length());
    }

    private static int statusExitCode(final Path ferry, final DemoHubConfig hub)
    {
        try
        {
            return run(List.of(ferry.toString(), "status", "--config", hub.configFile().toString())).exitCode();
        }
        catch (final Exception ex)
        {
            throw new AssertionError("ferry status could not be run", ex);
        }
    }

    private static Result run(final List<String> command) throws IOException, InterruptedException
    {
        final Path out = Files.createTempFile(outputDir, "out", ".txt");
        final Path err = Files.createTempFile(outputDir, "err", ".txt");
        final ProcessBuilder builder = new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
        launcherEnvironment(builder.environment());
        final Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Result(command, process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Map<String, String> launcherEnvironment(final Map<String, String> environment)
    {
        // The launchers run with the JVM of this test, whatever is on PATH, and without inherited ferry settings.
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.remove("FERRY_JAVA_OPTS");
        environment.remove("FERRY_API");
        environment.remove("FERRY_TOKEN_FILE");
        return environment;
    }

    private static String mode(final Path file) throws IOException
    {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static Set<String> fileNames(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static FileTime modified(final Path file)
    {
        try
        {
            return Files.getLastModifiedTime(file);
        }
        catch (final IOException ex)
        {
            throw new AssertionError("cannot stat " + file, ex);
        }
    }

    private static void stop(final Process process) throws InterruptedException
    {
        // SIGTERM first, so a ferryd left running by a failed assertion still removes its Aeron directory. Should a
        // launcher stop exec'ing, the JVM would be a child that outlives the shell: stop it too.
        final List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
            .collect(Collectors.toList());
        all.forEach(ProcessHandle::destroy);
        for (final ProcessHandle handle : all)
        {
            try
            {
                handle.onExit().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            catch (final ExecutionException | TimeoutException ex)
            {
                handle.destroyForcibly();
            }
        }
    }

    private static String exitCode(final Process process)
    {
        return process.isAlive() ? "(still running)" : Integer.toString(process.exitValue());
    }

    private record Result(List<String> command, int exitCode, String stdout, String stderr)
    {
        @Override
        public String toString()
        {
            return String.join(" ", command) + " -> exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }
}
