package io.ferry.perf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SpreadTest
{
    @Test
    void takesTheMiddleValueOfAnOddCountWithoutReorderingTheCallersArray()
    {
        final double[] values = { 30, 10, 20 };

        assertEquals(new Spread(20, 10, 30), Spread.of(values));
        assertArrayEquals(new double[] { 30, 10, 20 }, values);
    }

    @Test
    void takesTheMeanOfTheMiddleTwoOfAnEvenCount()
    {
        assertEquals(new Spread(2.5, 1, 7), Spread.of(7, 1, 2, 3));
    }

    @Test
    void scalesEveryFigure()
    {
        assertEquals(new Spread(16, 8, 24), new Spread(2, 1, 3).times(8));
    }

    @Test
    void refusesNoValues()
    {
        assertThrows(IllegalArgumentException.class, Spread::of);
    }
}
