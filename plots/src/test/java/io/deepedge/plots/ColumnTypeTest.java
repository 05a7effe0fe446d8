package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cell checks of the result files, on the edge cases of each type (null: the cell is valid). */
class ColumnTypeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "NUMBER|''|null", "NUMBER|NaN|null", "NUMBER|0|null", "NUMBER|-1.5|null", "NUMBER|+2|null",
            "NUMBER|.5|null", "NUMBER|5.|null", "NUMBER|1.0E-4|null", "NUMBER|3e+2|null", "NUMBER| 4.25 |null",
            "NUMBER|.|not a number", "NUMBER|-|not a number", "NUMBER|1e|not a number", "NUMBER|e5|not a number",
            "NUMBER|1d|not a number", "NUMBER|0x1p3|not a number", "NUMBER|Infinity|not a number",
            "NUMBER|1,5|not a number", "NUMBER|1e999|too large", "NUMBER|abc|not a number",
            "COUNT|''|null", "COUNT|0|null", "COUNT|+7|null", "COUNT|-0|null", "COUNT|-3|negative",
            "COUNT|1.0|not a whole number", "COUNT|99999999999999999999|too large", "COUNT|x|not a whole number",
            "INTEGER|-9223372036854775808|null", "INTEGER|9223372036854775807|null", "INTEGER|-|not a whole number",
            "FLAG|true|null", "FLAG|false|null", "FLAG|TRUE|not true or false", "FLAG|''|not true or false",
            "NAME|deep-edge|null", "NAME|''|empty", "NAME|'  '|empty", "TEXT|''|null"})
    void eachTypeAcceptsWhatTheToolWritesAndNamesWhatIsWrongOtherwise(ColumnType type, String cell, String problem) {
        assertEquals(problem, type.problem(cell), type + " (" + cell + ")");
    }
}
