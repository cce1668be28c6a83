package io.ferry.perf;

/**
 * One acceptance target of the measurements, and how the run fared against it.
 *
 * @param name     short key, e.g. {@code ferry_8192_vs_aeron}.
 * @param what     what is compared, in words.
 * @param value    the measured figure (a ratio or a deviation), NaN when not measured.
 * @param wanted   the target in words, e.g. {@code ≥ 0.80}.
 * @param met      whether the figure meets the target.
 * @param note     why it was not measured, or empty.
 */
public record Target(String name, String what, double value, String wanted, boolean met, String note)
{
    /**
     * A target that could not be measured in this run.
     *
     * @param name   short key.
     * @param what   what is compared.
     * @param wanted the target in words.
     * @param note   why not.
     * @return the target, not met.
     */
    public static Target notMeasured(final String name, final String what, final String wanted, final String note)
    {
        return new Target(name, what, Double.NaN, wanted, false, note);
    }

    /**
     * The verdict in one word.
     *
     * @return met, MISSED or not measured.
     */
    public String verdict()
    {
        return Double.isNaN(value) ? "not measured" : met ? "met" : "MISSED";
    }
}
