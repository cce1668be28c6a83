package io.ferry.ops.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Left-aligned columns separated by two spaces, with an optional header row; the last column is not padded.
 */
public final class TextTable
{
    private static final String GAP = "  ";

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    /**
     * A table with a header row.
     *
     * @param headers column headers; their number fixes the number of columns.
     */
    public TextTable(final String... headers)
    {
        this.columns = headers.length;
        rows.add(headers.clone());
    }

    /**
     * A table of label and value lines without a header.
     *
     * @return the table.
     */
    public static TextTable labelled()
    {
        final TextTable table = new TextTable("", "");
        table.rows.clear();
        return table;
    }

    /**
     * Add a row.
     *
     * @param cells one cell per column; null prints as {@code -}.
     * @return this table.
     */
    public TextTable row(final String... cells)
    {
        if (cells.length != columns)
        {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table " + columns);
        }
        final String[] row = new String[columns];
        for (int i = 0; i < columns; i++)
        {
            row[i] = cells[i] == null ? "-" : cells[i];
        }
        rows.add(row);
        return this;
    }

    /**
     * Print the table, one line per row.
     *
     * @param out where to print.
     */
    public void print(final PrintWriter out)
    {
        final int[] widths = new int[columns];
        for (final String[] row : rows)
        {
            for (int i = 0; i < columns; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        final StringBuilder line = new StringBuilder();
        for (final String[] row : rows)
        {
            line.setLength(0);
            for (int i = 0; i < columns; i++)
            {
                line.append(row[i]);
                if (i < columns - 1)
                {
                    line.append(" ".repeat(widths[i] - row[i].length())).append(GAP);
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
