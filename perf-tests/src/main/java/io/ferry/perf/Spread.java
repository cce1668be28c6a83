package io.ferry.perf;

import java.util.Arrays;

/**
 * Median, minimum and maximum of a figure over repeated runs, as the matrices report it.
 *
 * @param median median; the mean of the middle two for an even count.
 * @param min    lowest value.
 * @param max    highest value.
 */
public record Spread(double median, double min, double max)
{
    /**
     * The spread of some values.
     *
     * @param values at least one value; not modified.
     * @return median, minimum and maximum.
     */
    public static Spread of(final double... values)
    {
        if (values.length == 0)
        {
            throw new IllegalArgumentException("no values to summarise");
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        final double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1]);
    }

    /**
     * The same spread with every figure multiplied by a factor, e.g. to change units.
     *
     * @param factor a positive factor, so the order of min and max holds.
     * @return the scaled spread.
     */
    public Spread times(final double factor)
    {
        return new Spread(median * factor, min * factor, max * factor);
    }
}
