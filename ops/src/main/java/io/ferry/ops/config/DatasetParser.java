package io.ferry.ops.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the {@code [[dataset]]} tables: the named directories this hub replicates.
 */
final class DatasetParser
{
    /** Dataset names appear in paths and URLs, so they stay plain. */
    static final Pattern DATASET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** Keeping a few committed versions lets a consumer finish reading one while the next is published. */
    static final int DEFAULT_RETAIN = 3;

    private static final List<String> DATASET_KEYS = List.of("name", "root", "retain", "supersede");

    private DatasetParser()
    {
    }

    /**
     * Reads every dataset, labelling each by position until its name is known to be valid and by name afterwards.
     *
     * @param file   the configuration file, for messages.
     * @param tables the {@code [[dataset]]} tables in file order.
     * @return the datasets in file order.
     * @throws ConfigException on the first key that is missing or wrong.
     */
    static List<DatasetConfig> parse(final Path file, final List<ObjectNode> tables) throws ConfigException
    {
        final List<DatasetConfig> datasets = new ArrayList<>();
        final Map<String, Integer> positionByName = new HashMap<>();
        for (int i = 0; i < tables.size(); i++)
        {
            final int position = i + 1;
            final TomlTable table =
                TomlTable.of(file, "[[dataset]] #" + position + ":", tables.get(i), DATASET_KEYS);
            final String name = table.requiredString("name");
            if (!DATASET_NAME.matcher(name).matches())
            {
                throw table.invalid("name", table.written("name") + " is not a valid dataset name (use 1-64 " +
                    "characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit, e.g. \"imagenet\")");
            }
            final Integer firstPosition = positionByName.putIfAbsent(name, position);
            if (null != firstPosition)
            {
                throw table.invalid("name", table.written("name") + " is already the name of [[dataset]] #" +
                    firstPosition + "; give each dataset its own name");
            }

            datasets.add(dataset(table.relabel("[[dataset]] " + name + ":"), name));
        }

        return datasets;
    }

    private static DatasetConfig dataset(final TomlTable table, final String name) throws ConfigException
    {
        final Path root = table.absolutePath("root");
        final long retain = table.integer("retain", DEFAULT_RETAIN);
        if (retain < 1 || retain > Integer.MAX_VALUE)
        {
            throw table.invalid("retain", table.written("retain") + " must be between 1 and " + Integer.MAX_VALUE +
                " (how many committed versions of " + name + " to keep)");
        }

        return new DatasetConfig(name, root, (int)retain, table.bool("supersede", true));
    }
}
