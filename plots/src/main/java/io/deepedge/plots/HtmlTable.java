package io.deepedge.plots;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An HTML table of escaped text cells; numeric cells are right-aligned and chosen rows highlighted.
 */
final class HtmlTable {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Boolean> highlighted = new ArrayList<>();

    HtmlTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    HtmlTable row(List<String> cells, boolean highlight) {
        if (cells.size() != header.size()) {
            throw new IllegalStateException("row has " + cells.size() + " cells, header " + header.size());
        }
        rows.add(List.copyOf(cells));
        highlighted.add(highlight);
        return this;
    }

    void appendTo(StringBuilder html) {
        html.append("<table>\n<thead><tr>");
        for (String name : header) {
            html.append("<th>").append(escape(name)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < rows.size(); r++) {
            html.append(highlighted.get(r) ? "<tr class=\"best\">" : "<tr>");
            for (String cell : rows.get(r)) {
                html.append(NUMBER.matcher(cell).matches() ? "<td class=\"num\">" : "<td>")
                        .append(escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
