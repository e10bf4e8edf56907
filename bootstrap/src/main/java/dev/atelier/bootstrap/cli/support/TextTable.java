package dev.atelier.bootstrap.cli.support;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows printed as aligned columns under upper-case headers, the way {@code kubectl} or {@code docker ps} print
 * them. A cell is kept to one line and cut at a width, so a long error message cannot wreck the table; numbers
 * are aligned to the right.
 */
public final class TextTable {

    private static final int DEFAULT_MAX_CELL_WIDTH = 60;
    private static final String GAP = "  ";

    private final List<String> headers;
    private final List<Object[]> rows = new ArrayList<>();
    private final int maxCellWidth;

    private TextTable(List<String> headers, int maxCellWidth) {
        this.headers = headers;
        this.maxCellWidth = maxCellWidth;
    }

    public static TextTable withColumns(String... headers) {
        return new TextTable(Arrays.stream(headers).map(String::toUpperCase).toList(), DEFAULT_MAX_CELL_WIDTH);
    }

    public TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print(PrintWriter out) {
        List<String[]> texts = rows.stream().map(row -> Arrays.stream(row).map(this::text).toArray(String[]::new))
                .toList();
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers.get(column).length();
            for (String[] row : texts) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        out.println(line(headers.toArray(String[]::new), widths, new boolean[widths.length]));
        for (int r = 0; r < texts.size(); r++) {
            boolean[] rightAligned = new boolean[widths.length];
            for (int column = 0; column < widths.length; column++) {
                rightAligned[column] = rows.get(r)[column] instanceof Number;
            }
            out.println(line(texts.get(r), widths, rightAligned));
        }
    }

    private static String line(String[] cells, int[] widths, boolean[] rightAligned) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.length; column++) {
            boolean last = column == cells.length - 1;
            String padding = " ".repeat(widths[column] - cells[column].length());
            if (rightAligned[column]) {
                line.append(padding).append(cells[column]);
            } else {
                line.append(cells[column]).append(last ? "" : padding);
            }
            if (!last) {
                line.append(GAP);
            }
        }
        return line.toString().stripTrailing();
    }

    private String text(Object cell) {
        String text = cell == null ? "" : cell.toString().replaceAll("\\s+", " ").strip();
        return text.length() <= maxCellWidth ? text : text.substring(0, maxCellWidth - 1) + "…";
    }
}
