package io.ferry.perf;

import io.ferry.replication.manifest.ManifestBuilder;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Bytes a second version sends with ferry's fixed chunks and with content-defined chunks (a gear rolling hash), for an
 * in-place change of 1 % of the chunks and for an insertion in the middle, and the speed of the boundary scan; the
 * figures behind docs/incremental.md. Usage: {@code ChunkingComparison SEED MIB}.
 */
public final class ChunkingComparison
{
    private static final int FIXED_LENGTH = ManifestBuilder.DEFAULT_CHUNK_LENGTH;
    private static final int CDC_MIN_LENGTH = 1024 * 1024;
    private static final int CDC_MAX_LENGTH = 16 * 1024 * 1024;
    /** A cut where the low 22 bits of the rolling hash are zero: about 4 MiB after the minimum. */
    private static final long CDC_MASK = (1L << 22) - 1;
    private static final int INSERTED_BYTES = 100;
    private static final double MIB = 1024.0 * 1024.0;

    private final long[] gear = new long[256];
    private final MessageDigest sha256;

    private ChunkingComparison(final Random random) throws NoSuchAlgorithmException
    {
        for (int i = 0; i < gear.length; i++)
        {
            gear[i] = random.nextLong();
        }
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    /**
     * Print both comparisons for one seeded random file.
     *
     * @param args seed and size in MiB.
     * @throws NoSuchAlgorithmException never on a Java platform.
     */
    public static void main(final String[] args) throws NoSuchAlgorithmException
    {
        final long seed = Long.parseLong(args[0]);
        final int length = Integer.parseInt(args[1]) * 1024 * 1024;
        final Random random = new Random(seed);
        final ChunkingComparison comparison = new ChunkingComparison(random);
        final byte[] original = new byte[length];
        random.nextBytes(original);
        final Set<ByteBuffer> fixedHeld = comparison.hashes(original, comparison.fixedCuts(length));
        final Set<ByteBuffer> cdcHeld = comparison.hashes(original, comparison.contentCuts(original, length));

        comparison.reportSpeeds(original);
        comparison.changeInPlace(seed, random, original, fixedHeld, cdcHeld);
        comparison.insertInTheMiddle(seed, random, original, fixedHeld, cdcHeld);
    }

    private void reportSpeeds(final byte[] data)
    {
        long scanNs = 0;
        long hashNs = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            final long start = System.nanoTime();
            final int[] cuts = contentCuts(data, data.length);
            final long scanned = System.nanoTime();
            hashes(data, cuts);
            scanNs = scanned - start;
            hashNs = System.nanoTime() - scanned;
        }
        System.out.printf("one core, second pass: gear boundary scan %.2f GB/s, SHA-256 %.2f GB/s%n",
            (double)data.length / scanNs, (double)data.length / hashNs);
    }

    private void changeInPlace(
        final long seed, final Random random, final byte[] original, final Set<ByteBuffer> fixedHeld,
        final Set<ByteBuffer> cdcHeld)
    {
        final byte[] changed = original.clone();
        final int length = original.length;
        final int fixedChunks = (length + FIXED_LENGTH - 1) / FIXED_LENGTH;
        final TreeSet<Integer> picked = new TreeSet<>();
        while (picked.size() < (int)Math.ceil(fixedChunks / 100.0))
        {
            picked.add(random.nextInt(fixedChunks));
        }
        for (final int chunk : picked)
        {
            changed[(int)Math.min(length - 1L, (long)chunk * FIXED_LENGTH + random.nextInt(FIXED_LENGTH))] ^= 0x5A;
        }
        report(seed, picked.size() + " of " + fixedChunks + " chunks changed in place", changed, fixedHeld, cdcHeld);
    }

    private void insertInTheMiddle(
        final long seed, final Random random, final byte[] original, final Set<ByteBuffer> fixedHeld,
        final Set<ByteBuffer> cdcHeld)
    {
        final int length = original.length;
        final byte[] inserted = new byte[length + INSERTED_BYTES];
        final int middle = length / 2 + 12_345;
        System.arraycopy(original, 0, inserted, 0, middle);
        for (int i = 0; i < INSERTED_BYTES; i++)
        {
            inserted[middle + i] = (byte)random.nextInt();
        }
        System.arraycopy(original, middle, inserted, middle + INSERTED_BYTES, length - middle);
        report(seed, INSERTED_BYTES + " bytes inserted in the middle", inserted, fixedHeld, cdcHeld);
    }

    private void report(
        final long seed, final String change, final byte[] data, final Set<ByteBuffer> fixedHeld,
        final Set<ByteBuffer> cdcHeld)
    {
        final int[] cdcCuts = contentCuts(data, data.length);
        System.out.printf("seed %d, %s of %.0f MiB: fixed %d MiB chunks send %.2f MiB; " +
            "content-defined (%d chunks, mean %.2f MiB) send %.2f MiB%n",
            seed, change, data.length / MIB, FIXED_LENGTH >> 20, sent(data, fixedCuts(data.length), fixedHeld) / MIB,
            cdcCuts.length, data.length / MIB / cdcCuts.length, sent(data, cdcCuts, cdcHeld) / MIB);
    }

    private int[] fixedCuts(final int length)
    {
        final int[] cuts = new int[(length + FIXED_LENGTH - 1) / FIXED_LENGTH];
        for (int i = 0; i < cuts.length; i++)
        {
            cuts[i] = (int)Math.min(length, (long)(i + 1) * FIXED_LENGTH);
        }
        return cuts;
    }

    private int[] contentCuts(final byte[] data, final int length)
    {
        final int[] cuts = new int[length / CDC_MIN_LENGTH + 1];
        int count = 0;
        int start = 0;
        long hash = 0;
        for (int i = 0; i < length; i++)
        {
            hash = (hash << 1) + gear[data[i] & 0xFF];
            final int chunkLength = i - start + 1;
            if ((chunkLength >= CDC_MIN_LENGTH && (hash & CDC_MASK) == 0) || chunkLength >= CDC_MAX_LENGTH)
            {
                cuts[count++] = i + 1;
                start = i + 1;
                hash = 0;
            }
        }
        if (start < length)
        {
            cuts[count++] = length;
        }
        return Arrays.copyOf(cuts, count);
    }

    private Set<ByteBuffer> hashes(final byte[] data, final int[] cuts)
    {
        final Set<ByteBuffer> hashes = new HashSet<>();
        int start = 0;
        for (final int end : cuts)
        {
            sha256.update(data, start, end - start);
            hashes.add(ByteBuffer.wrap(sha256.digest()));
            start = end;
        }
        return hashes;
    }

    private long sent(final byte[] data, final int[] cuts, final Set<ByteBuffer> held)
    {
        long sent = 0;
        int start = 0;
        for (final int end : cuts)
        {
            sha256.update(data, start, end - start);
            sent += held.contains(ByteBuffer.wrap(sha256.digest())) ? 0 : end - start;
            start = end;
        }
        return sent;
    }
}
