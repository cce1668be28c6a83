package io.ferry.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops a flight recording in another JVM with {@code jcmd}, so that a profiled process needs no flags
 * of its own. The settings are the JDK's {@code profile.jfc} with Java code sampled every millisecond instead of every
 * 10 ms and native code every 5 ms, because a transfer of a few seconds gives too few samples otherwise.
 */
public final class JfrRecording
{
    private static final String NAME = "ferry-perf";
    private static final String JAVA_INTERVAL = "control=\"method-sampling-java-interval\">";
    private static final String NATIVE_INTERVAL = "control=\"method-sampling-native-interval\">";

    private final long pid;
    private final Path file;

    private JfrRecording(final long pid, final Path file)
    {
        this.pid = pid;
        this.file = file;
    }

    /**
     * Start a recording with the fine-grained profile settings, written next to the recording file.
     *
     * @param pid  the JVM.
     * @param file where the recording is written when stopped.
     * @return the recording.
     * @throws IOException if the settings cannot be written or jcmd fails.
     * @throws InterruptedException if interrupted while waiting for jcmd.
     */
    public static JfrRecording start(final long pid, final Path file) throws IOException, InterruptedException
    {
        final Path settings = file.resolveSibling("ferry-perf.jfc");
        if (!Files.exists(settings))
        {
            final String profile = Files.readString(
                Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"), StandardCharsets.UTF_8);
            Files.writeString(settings, profile
                .replace(JAVA_INTERVAL + "10 ms<", JAVA_INTERVAL + "1 ms<")
                .replace(NATIVE_INTERVAL + "20 ms<", NATIVE_INTERVAL + "5 ms<"), StandardCharsets.UTF_8);
        }
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=" + settings, "filename=" + file);
        return new JfrRecording(pid, file);
    }

    /**
     * Stop the recording and write it.
     *
     * @return the recording file.
     * @throws IOException if jcmd fails.
     * @throws InterruptedException if interrupted while waiting for jcmd.
     */
    public Path stop() throws IOException, InterruptedException
    {
        jcmd(pid, "JFR.stop", "name=" + NAME);
        return file;
    }

    private static void jcmd(final long pid, final String... args) throws IOException, InterruptedException
    {
        final Path javaBinary = Path.of(ProcessHandle.current().info().command().orElse("java"));
        final List<String> command = new ArrayList<>(List.of(
            javaBinary.resolveSibling("jcmd").toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0)
        {
            throw new IOException(String.join(" ", command) + " failed: " + output.trim());
        }
    }
}
