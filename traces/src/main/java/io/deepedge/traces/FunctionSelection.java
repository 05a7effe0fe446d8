package io.deepedge.traces;

/**
 * Which row of an Azure Functions invocation-count file to replay: a 1-based data row (the header is not
 * counted), or the row whose {@code HashFunction} is {@code function}.
 *
 * @param row 1-based data row, or 0 when selecting by function
 * @param function the HashFunction value, or null when selecting by row
 */
public record FunctionSelection(int row, String function) {
    public FunctionSelection {
        if ((row > 0) == (function != null) || row < 0) {
            throw new IllegalArgumentException("select either a row >= 1 or a function (row " + row + ", function "
                    + function + ")");
        }
    }

    public static FunctionSelection row(int row) {
        return new FunctionSelection(row, null);
    }

    public static FunctionSelection function(String hash) {
        return new FunctionSelection(0, hash);
    }

    boolean byRow() {
        return function == null;
    }

    @Override
    public String toString() {
        return byRow() ? "row " + row : "function " + function;
    }
}
